"""Stories of work done in the background: asking, watching, downloading, failing and
trying again, a file deleted after its time, and nobody else seeing any of it."""

from __future__ import annotations

import datetime
import logging

import pytest
from django.core.files.storage import default_storage
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from levelfield.home.services import person_data_export, person_delete
from levelfield.jobs import services
from levelfield.jobs.models import Job, State
from levelfield.jobs.testing import run_jobs_once
from levelfield.jobs.tests import kinds_for_tests
from levelfield.lib.testing.world import World
from levelfield.periodic.jobs import jobs as periodic_jobs

pytestmark = pytest.mark.django_db


def _client(person: object) -> Client:
    client = Client()
    client.force_login(person)
    return client


def _writes(queries: list[dict[str, str]]) -> list[str]:
    return [
        q["sql"]
        for q in queries
        if q["sql"].lstrip().lower().startswith(("insert", "update", "delete"))
        and "django_session" not in q["sql"]
    ]


@pytest.fixture(autouse=True)
def _flaky_works() -> None:
    kinds_for_tests.FLAKY["next"] = "work"


def test_a_person_asks_watches_and_downloads_their_file(world: World, clock) -> None:
    job = services.job_start(person=world.member, kind="tests.count", params={"upto": 4})
    client = _client(world.member)

    with CaptureQueriesContext(connection) as queries:
        page = client.get(job.get_absolute_url()).content.decode()
    assert not _writes(queries.captured_queries)
    assert "We have your request" in page
    assert "Check again" in page and 'http-equiv="refresh"' not in page

    assert "Ran 1 job." in run_jobs_once()

    page = client.get(job.get_absolute_url()).content.decode()
    assert "It is ready." in page
    assert reverse("jobs:download", args=[job.pk]) in page
    job.refresh_from_db()
    assert job.state == State.DONE
    assert job.expires_at == job.finished_at + datetime.timedelta(days=7)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("jobs:download", args=[job.pk]))
    assert not _writes(queries.captured_queries)
    assert response["Content-Disposition"] == 'attachment; filename="count.txt"'
    assert response["Cache-Control"] == "private, no-store"
    assert b"".join(response.streaming_content) == b"1\n2\n3\n4"


def test_the_page_says_how_far_it_has_got_with_a_progress_bar_and_its_words(
    world: World,
) -> None:
    job = services.job_start(person=world.member, kind="tests.count", params={})
    claimed = services.job_claim(pk=job.pk)
    assert claimed is not None and claimed.state == State.RUNNING
    services._progress_for(claimed)(2, 5, "Counting the third")

    page = _client(world.member).get(job.get_absolute_url()).content.decode()

    assert "We are preparing it now: counting the third." in page
    assert '<label class="govuk-label" for="job-progress">2 of 5 steps done</label>' in page
    assert '<progress id="job-progress" max="5" value="2">40%</progress>' in page


def test_nobody_else_sees_the_job_or_its_file(world: World) -> None:
    job = services.job_start(person=world.member, kind="tests.count", params={})
    run_jobs_once()
    for other in (world.coordinator, world.outsider, world.former):
        client = _client(other)
        assert client.get(job.get_absolute_url()).status_code == 404
        assert client.get(reverse("jobs:download", args=[job.pk])).status_code == 404
        assert client.post(reverse("jobs:retry", args=[job.pk])).status_code == 404
    visitor = Client().get(reverse("jobs:download", args=[job.pk]))
    assert visitor.status_code == 302 and "/accounts/login/" in visitor["Location"]


def test_asking_again_while_it_is_being_made_gives_the_same_job(world: World) -> None:
    first = services.job_start(person=world.member, kind="tests.count", params={"upto": 2})
    again = services.job_start(person=world.member, kind="tests.count", params={"upto": 2})
    other = services.job_start(person=world.member, kind="tests.count", params={"upto": 3})
    someone_else = services.job_start(person=world.coordinator, kind="tests.count", params={})

    assert again.pk == first.pk
    assert len({first.pk, other.pk, someone_else.pk}) == 3


def test_a_download_that_is_not_ready_sends_you_back_to_its_page(world: World) -> None:
    job = services.job_start(person=world.member, kind="tests.count", params={})

    response = _client(world.member).get(reverse("jobs:download", args=[job.pk]))

    assert response.status_code == 302 and response["Location"] == job.get_absolute_url()


def test_a_job_that_fails_says_why_plainly_and_can_be_tried_again(world: World) -> None:
    kinds_for_tests.FLAKY["next"] = "fail"
    job = services.job_start(person=world.member, kind="tests.flaky", params={})
    run_jobs_once()
    client = _client(world.member)

    page = client.get(job.get_absolute_url()).content.decode()
    assert "It did not work" in page
    assert "The list you asked for is empty, so there is nothing to make." in page
    assert "Try again" in page

    kinds_for_tests.FLAKY["next"] = "work"
    response = client.post(reverse("jobs:retry", args=[job.pk]))
    assert response.status_code == 302 and response["Location"] == job.get_absolute_url()
    job.refresh_from_db()
    assert job.state == State.WAITING and job.error == ""
    run_jobs_once()
    job.refresh_from_db()
    assert job.state == State.DONE
    assert b"".join(client.get(reverse("jobs:download", args=[job.pk])).streaming_content) == (
        b"it worked"
    )


def test_a_bug_in_a_job_is_logged_and_the_person_told_plainly(world: World, caplog) -> None:
    kinds_for_tests.FLAKY["next"] = "crash"
    job = services.job_start(person=world.member, kind="tests.flaky", params={})
    with caplog.at_level(logging.ERROR, logger="levelfield.jobs.services"):
        run_jobs_once()

    job.refresh_from_db()
    assert job.state == State.FAILED
    assert job.error == services.SOMETHING_WENT_WRONG
    assert "a bug" not in job.error
    assert any("tests.flaky" in record.getMessage() for record in caplog.records)


def test_trying_again_something_that_did_not_fail_changes_nothing(world: World) -> None:
    job = services.job_start(person=world.member, kind="tests.count", params={})
    run_jobs_once()

    response = _client(world.member).post(reverse("jobs:retry", args=[job.pk]))

    assert response.status_code == 302
    job.refresh_from_db()
    assert job.state == State.DONE


def test_the_file_is_deleted_after_its_time_and_can_be_made_again(world: World, clock) -> None:
    job = services.job_start(person=world.member, kind="tests.count", params={})
    run_jobs_once()
    job.refresh_from_db()
    name = job.file.name
    assert default_storage.exists(name)

    clock.shift(datetime.timedelta(days=6))
    assert services.job_files_delete_expired() == 0
    clock.shift(datetime.timedelta(days=1, minutes=1))
    assert services.job_files_delete_expired() == 1
    assert services.job_files_delete_expired() == 0  # running it again deletes nothing more

    assert not default_storage.exists(name)
    job.refresh_from_db()
    assert job.state == State.EXPIRED and not job.file
    client = _client(world.member)
    assert client.get(reverse("jobs:download", args=[job.pk])).status_code == 302
    page = client.get(job.get_absolute_url()).content.decode()
    assert "We deleted this file when its time was up" in page
    client.post(reverse("jobs:retry", args=[job.pk]))
    run_jobs_once()
    job.refresh_from_db()
    assert job.state == State.DONE and default_storage.exists(job.file.name)

    clock.shift(datetime.timedelta(days=45))
    services.job_files_delete_expired()
    assert Job.objects.filter(pk=job.pk, state=State.EXPIRED).exists()
    clock.shift(datetime.timedelta(days=31))
    services.job_files_delete_expired()
    assert not Job.objects.filter(pk=job.pk).exists()  # forgotten a month after


def test_a_job_whose_worker_was_killed_is_run_again_then_given_up(world: World, clock) -> None:
    job = services.job_start(person=world.member, kind="tests.count", params={})
    services.job_claim(pk=job.pk)  # its worker is then killed: it stays "running"

    run_jobs_once()  # too soon to call it lost
    job.refresh_from_db()
    assert job.state == State.RUNNING

    clock.shift(services.STALE_AFTER + datetime.timedelta(minutes=1))
    run_jobs_once()
    job.refresh_from_db()
    assert job.state == State.DONE and job.attempts == 2

    stuck = services.job_start(person=world.member, kind="tests.flaky", params={})
    for _ in range(services.MAX_ATTEMPTS):
        services.job_claim(pk=stuck.pk)
        clock.shift(services.STALE_AFTER + datetime.timedelta(minutes=1))
        services.jobs_recover_stale()
    stuck.refresh_from_db()
    assert stuck.state == State.FAILED and stuck.error == services.CUT_OFF


def test_a_job_the_person_may_no_longer_see_fails_plainly(world: World) -> None:
    from levelfield.reports import services as report_services

    report = report_services.report_start(place=world.project, actor=world.member)
    report_services.report_generate(report=report)
    job = services.job_start(
        person=world.outsider, kind="reports.pdf", params={"report": report.pk, "version": 1}
    )
    run_jobs_once()
    job.refresh_from_db()
    assert job.state == State.FAILED
    assert job.error == "You can no longer see what you asked for, so it was not prepared."


def test_run_jobs_and_the_expiry_are_periodic_jobs() -> None:
    every = {job.name: job.every for job in periodic_jobs()}
    assert every["run_jobs"] == datetime.timedelta(minutes=1)
    assert every["delete_expired_job_files"] == datetime.timedelta(days=1)


def test_jobs_are_in_the_persons_download_and_go_with_their_account(world: World) -> None:
    job = services.job_start(person=world.member, kind="tests.count", params={})
    run_jobs_once()
    job.refresh_from_db()
    name = job.file.name

    rows = person_data_export(person=world.member)["downloads_you_asked_for"]
    assert [(row["what"], row["state"], row["file"]) for row in rows] == [
        ("tests.count", "Ready", "count.txt")
    ]

    person_delete(person=world.member)
    assert not Job.objects.filter(pk=job.pk).exists()
    assert not default_storage.exists(name)


def test_the_data_download_is_asked_for_with_a_button_and_an_old_link_goes_to_it(
    world: World,
) -> None:
    client = _client(world.member)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("home:my_data_download"))
    assert not _writes(queries.captured_queries)
    assert response["Location"] == reverse("home:my_data")
    assert not Job.objects.exists()

    response = client.post(reverse("home:my_data_download"))
    job = Job.objects.get()
    assert response["Location"] == job.get_absolute_url()
    assert (job.person, job.kind, job.state) == (world.member, "home.person_data", State.WAITING)
    assert timezone.now() >= job.created_at


def test_a_job_that_took_long_ends_with_an_email_and_a_quick_one_does_not(
    world: World, clock, django_capture_on_commit_callbacks, mailoutbox
) -> None:
    quick = services.job_start(person=world.member, kind="tests.count", params={})
    slow = services.job_start(person=world.coordinator, kind="tests.count", params={})
    with django_capture_on_commit_callbacks(execute=True):
        services.job_run_next(pk=quick.pk)
        clock.shift(services.TELL_AFTER + datetime.timedelta(seconds=5))
        services.job_run_next(pk=slow.pk)

    assert [message.to for message in mailoutbox] == [[world.coordinator.email]]
    assert "Your counted list is ready to download" in mailoutbox[0].subject
    assert "We delete it after 7 days." in mailoutbox[0].body
    assert slow.get_absolute_url() in mailoutbox[0].body
