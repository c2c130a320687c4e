"""Updates: what happened and what is next, sent to everyone in a place by email in
full (plain text and HTML, each person's choices respected, one-click unsubscribe),
shown on their home, with replies on its thread; sent by one background job in
batches, never twice to anyone."""

from __future__ import annotations

import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_tasks import default_task_backend

from levelfield.collectives.tests.factories import CollectiveMembershipFactory
from levelfield.lib.manifests import manifests
from levelfield.notifications.kinds import Frequency
from levelfield.notifications.models import Notification, Status
from levelfield.notifications.services import preferences_save
from levelfield.people.tests.factories import UserFactory
from levelfield.threads import services
from levelfield.threads.models import Delivery, Thread, ThreadKind

pytestmark = pytest.mark.django_db

BODY = "**What happened:** we met.\n\n**What is next:** the summary on the 14th."


def _send(world, *, place=None):
    return services.thread_start(
        place=place or world.collective_place,
        author=world.coordinator,
        kind=ThreadKind.UPDATE,
        title="March workshop",
        body=BODY,
    )


def test_sending_an_update_asks_to_confirm_then_emails_everyone_in_full(
    world, as_person, mailoutbox, django_capture_on_commit_callbacks
):
    client = as_person(world.coordinator)
    url = reverse("threads:update_create", args=[world.collective_place.pk])
    confirm = client.post(url, {"title": "March workshop", "body": BODY})
    assert confirm.status_code == 200
    assert "Send “March workshop” to everyone?" in confirm.content.decode()
    assert "3 people" in confirm.content.decode()  # Mo, Gita and Cal: not Cora herself
    assert not Thread.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post(url, {"title": "March workshop", "body": BODY, "confirmed": "yes"})
    update = Thread.objects.get()
    assert sent.status_code == 302 and update.kind == ThreadKind.UPDATE
    assert sorted(m.to[0] for m in mailoutbox) == sorted(
        p.email for p in (world.member, world.group_member, world.collective_member)
    )
    email = mailoutbox[0]
    assert "Update from Riverside" in email.subject and "March workshop" in email.subject
    assert "the summary on the 14th" in email.body  # in full, not just a link
    assert update.get_absolute_url() in email.body
    html = email.alternatives[0][0]
    assert "<strong>What happened:</strong>" in html and 'lang="en-GB"' in html
    assert email.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    update.refresh_from_db()
    assert update.sent_count == 3


def test_an_update_without_a_title_or_text_names_each_field(world, as_person):
    url = reverse("threads:update_create", args=[world.project_place.pk])
    response = as_person(world.member).post(url, {"title": "", "body": "", "confirmed": "yes"})
    assert response.status_code == 400
    assert "Enter a title." in response.content.decode()
    assert "Enter the update." in response.content.decode()
    assert not Thread.objects.exists()


def test_people_outside_cannot_send_an_update(world, as_person):
    url = reverse("threads:update_create", args=[world.project_place.pk])
    for person in (world.outsider, world.former, world.group_member):
        response = as_person(person).post(
            url, {"title": "Hi", "body": "Hello", "confirmed": "yes"}
        )
        assert response.status_code == 404
    assert not Thread.objects.exists()


def test_each_persons_email_choice_is_kept(world, mailoutbox, django_capture_on_commit_callbacks):
    preferences_save(person=world.member, frequencies={"place_update": Frequency.OFF})
    preferences_save(person=world.group_member, frequencies={"place_update": Frequency.DAILY})
    with django_capture_on_commit_callbacks(execute=True):
        _send(world)
    assert [m.to for m in mailoutbox] == [[world.collective_member.email]]
    statuses = dict(Notification.objects.values_list("person__display_name", "status"))
    assert statuses["Mo"] == Status.NOT_EMAILED
    assert statuses["Gita"] == Status.WAITING_FOR_SUMMARY


def test_the_update_shows_on_the_home_until_read_and_replies_go_to_its_thread(
    world, as_person, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        update = _send(world)
    needs = next(m for m in manifests() if m.label == "threads").needs
    [need] = needs(world.member)
    assert need.kind == "place_update" and "March workshop" in need.label
    home = as_person(world.member).get(reverse("home")).content.decode()
    assert "March workshop" in home
    services.post_reply(thread=update, author=world.member, body="Thanks!")
    assert needs(world.member) == []
    assert update.posts.count() == 2


def test_the_request_only_queues_one_job_and_the_job_sends_in_batches_once_each(
    world, as_person, settings, django_capture_on_commit_callbacks, mailoutbox
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    default_task_backend.clear()
    for n in range(47):
        CollectiveMembershipFactory(
            collective=world.collective, person=UserFactory(display_name=f"Person {n}")
        )
    client = as_person(world.coordinator)
    url = reverse("threads:update_create", args=[world.collective_place.pk])
    started = time.perf_counter()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"title": "Big news", "body": "All of it.", "confirmed": "yes"})
    assert time.perf_counter() - started < 2
    [job] = default_task_backend.results
    update = Thread.objects.get()
    assert list(job.args) == [update.pk] and not Delivery.objects.exists()

    batches = []
    real = services._update_send_batch

    def counted(thread_id: int, batch_size: int) -> int:
        sent = real(thread_id, batch_size)
        batches.append(sent)
        return sent

    services._update_send_batch = counted
    try:
        assert services.update_send(thread_id=update.pk, batch_size=20) == 50
        assert services.update_send(thread_id=update.pk, batch_size=20) == 0
    finally:
        services._update_send_batch = real
    assert batches == [20, 20, 10, 0, 0]
    assert Delivery.objects.filter(thread=update).count() == 50
    assert Notification.objects.filter(kind="place_update").count() == 50


def _sending(world, settings):
    """An update whose job has not run yet (the queue holds it)."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    default_task_backend.clear()
    return _send(world)


def test_its_author_sees_how_far_it_has_gone_then_that_it_went_to_everyone(
    world, as_person, settings
):
    update = _sending(world, settings)
    author, member = as_person(world.coordinator), as_person(world.member)

    assert "Sent to 0 of 3 people so far" in author.get(update.get_absolute_url()).content.decode()
    services._update_send_batch(update.pk, 2)
    page = author.get(update.get_absolute_url()).content.decode()
    assert "Sent to 2 of 3 people so far" in page
    assert " of 3 people" not in member.get(update.get_absolute_url()).content.decode()

    services.update_send(thread_id=update.pk)
    page = author.get(update.get_absolute_url()).content.decode()
    assert "Sent to everyone in Riverside" in page and " of 3 people" not in page


def test_how_far_an_update_has_gone_is_one_count_however_many_people(world, as_person, settings):
    update = _sending(world, settings)
    author = as_person(world.coordinator)
    author.get(update.get_absolute_url())  # the session and caches settle

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert author.get(update.get_absolute_url()).status_code == 200
        return len(captured)

    few = queries()
    for n in range(30):
        CollectiveMembershipFactory(
            collective=world.collective, person=UserFactory(display_name=f"Person {n}")
        )
    services._update_send_batch(update.pk, 10)
    assert queries() == few
    assert "Sent to 10 of 33 people" in author.get(update.get_absolute_url()).content.decode()


def test_big_numbers_read_as_people_write_them():
    assert str(services.UpdateReach(sent=1200, total=10000)) == "Sent to 1,200 of 10,000 people"
    assert str(services.UpdateReach(sent=0, total=1)) == "Sent to 0 of 1 person"
    assert str(services.UpdateReach(sent=5, total=5)) == "Sent to everyone"
