"""A place's every output as CSL-JSON or BibTeX is prepared in the background: a project
with thousands of outputs takes longer than a request may. Opening the address shows
what will be prepared and starts nothing; the button starts one job; its file is the
download people always had, byte for byte; someone outside the place, or who has left
it since asking, gets nothing."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from levelfield.jobs import kinds
from levelfield.jobs.models import Job, State
from levelfield.jobs.testing import job_from, prepared, run_jobs_once
from levelfield.outputs import exports, services
from levelfield.outputs.background import PLACE_BIBTEX, PLACE_CSL_JSON
from levelfield.outputs.models import Kind, Output
from levelfield.outputs.tests.factories import client_for, output_make
from levelfield.projects import services as project_services

pytestmark = pytest.mark.django_db

EXPORTS = [
    pytest.param("outputs:place_csl_json", PLACE_CSL_JSON, id="csl-json"),
    pytest.param("outputs:place_bibtex", PLACE_BIBTEX, id="bibtex"),
]
DOI = "10.1186/s40900-026-00001-2"  # output_make's paper


def _papers(world) -> tuple[Output, Output]:
    """A paper credited to two people, a newer talk with a title beyond ASCII, and an
    output of another place that must not be in the file."""
    paper = output_make(place=world.project_place, actor=world.member)
    services.contributor_add(actor=world.member, output=paper, name="Kai Turner")
    services.contributor_add(actor=world.member, output=paper, person=world.member)
    talk = output_make(
        place=world.project_place,
        actor=world.member,
        kind=Kind.TALK,
        title="Café “listening” sessions: 50% of R&D",
        date=datetime.date(2026, 5, 2),
        venue="INVOLVE",
        doi="",
    )
    services.contributor_add(actor=world.member, output=talk, name="Jade Williams")
    output_make(place=world.group, actor=world.member, title="The group’s own resource")
    return paper, talk


def _as_the_page_used_to_send(build: object, world) -> bytes:
    """The file as the place's export view built it inside the request before it moved to
    the background: every output with its people, one string, encoded as UTF-8."""
    outputs = list(exports.with_people(Output.objects.in_place(world.project_place)))
    return build(outputs).encode("utf-8")


@pytest.mark.parametrize(("name", "kind"), EXPORTS)
def test_opening_the_address_asks_first_and_the_button_starts_one_job(
    world, name: str, kind: str
) -> None:
    _papers(world)
    client = client_for(world.member)
    url = reverse(name, args=[world.project_place.pk])
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Prepare it" in html
    assert str(kinds.kind_for(kind).label) in html
    assert reverse("outputs:place_list", args=[world.project_place.pk]) in html
    assert "Back to the outputs" in html
    assert not Job.objects.exists()  # opening the page writes nothing

    job = job_from(client.post(url))
    assert (job.kind, job.params) == (kind, {"place": world.project_place.pk})
    assert job.person == world.member
    assert job.state == State.WAITING
    assert job_from(client.post(url)) == job  # asking twice prepares it once


def test_the_csl_json_is_the_same_file_it_always_was(world) -> None:
    paper, talk = _papers(world)
    response = prepared(
        client_for(world.member), reverse("outputs:place_csl_json", args=[world.project_place.pk])
    )
    assert response["Content-Type"] == "application/vnd.citationstyles.csl+json"
    assert response["Content-Disposition"] == (
        f'attachment; filename="outputs-{world.project_place.pk}.json"'
    )
    data = response.json()
    assert [item["title"] for item in data] == [talk.title, paper.title]  # newest first
    assert data[1]["DOI"] == DOI
    assert data[1]["author"][0] == {"family": "Turner", "given": "Kai"}
    assert len(data[1]["author"]) == 2  # and the member, credited second
    assert "The group’s own resource" not in response.content.decode()
    assert response.content == _as_the_page_used_to_send(exports.csl_json, world)


def test_the_bibtex_is_the_same_file_it_always_was(world) -> None:
    paper, talk = _papers(world)
    response = prepared(
        client_for(world.member), reverse("outputs:place_bibtex", args=[world.project_place.pk])
    )
    assert response["Content-Type"] == "application/x-bibtex; charset=utf-8"
    assert response["Content-Disposition"] == (
        f'attachment; filename="outputs-{world.project_place.pk}.bib"'
    )
    bib = response.content.decode()
    assert f"@article{{levelfield{paper.pk}," in bib
    assert f"@misc{{levelfield{talk.pk}," in bib
    assert bib.index(f"levelfield{talk.pk}") < bib.index(f"levelfield{paper.pk}")
    assert f"doi = {{{DOI}}}" in bib
    assert "Turner, Kai" in bib
    assert r"50\% of R\&D" in bib
    assert "The group’s own resource" not in bib
    assert response.content == _as_the_page_used_to_send(exports.bibtex, world)


@pytest.mark.parametrize(("name", "kind"), EXPORTS)
def test_the_job_says_how_far_it_has_got_through_the_outputs(
    world, monkeypatch, name: str, kind: str
) -> None:
    monkeypatch.setattr(exports, "BATCH", 2)  # five outputs: three batches
    for number in range(5):
        output_make(place=world.project_place, actor=world.member, title=f"Output {number}")
    client = client_for(world.member)
    job = job_from(client.post(reverse(name, args=[world.project_place.pk])))

    told: list[tuple[int, int, str]] = []
    kinds.kind_for(kind).run(job, lambda done, total, doing="": told.append((done, total, doing)))
    assert told == [(done, 5, "Listing the outputs") for done in (0, 2, 4, 5)]

    run_jobs_once()
    job.refresh_from_db()
    assert job.state == State.DONE
    assert (job.progress_done, job.progress_total) == (5, 5)  # the page's "5 of 5 steps"
    # Read in batches, the file is still every output, in order, as it always was.
    build = exports.csl_json if kind == PLACE_CSL_JSON else exports.bibtex
    with job.file.open("rb") as file:
        assert file.read() == _as_the_page_used_to_send(build, world)


@pytest.mark.parametrize(("name", "kind"), EXPORTS)
@pytest.mark.parametrize("who", ["outsider", "collective_member", "group_member", "former"])
def test_people_outside_the_place_get_a_404_and_start_nothing(
    world, who: str, name: str, kind: str
) -> None:
    _papers(world)
    client = client_for(getattr(world, who))
    url = reverse(name, args=[world.project_place.pk])
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    assert not Job.objects.exists()


@pytest.mark.parametrize(("name", "kind"), EXPORTS)
def test_a_visitor_is_sent_to_sign_in_and_starts_nothing(world, name: str, kind: str) -> None:
    url = reverse(name, args=[world.project_place.pk])
    for response in (Client().get(url), Client().post(url)):
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
    assert not Job.objects.exists()


@pytest.mark.parametrize(("name", "kind"), EXPORTS)
def test_someone_who_left_the_place_before_it_ran_gets_a_failed_job_not_the_file(
    world, name: str, kind: str
) -> None:
    _papers(world)
    client = client_for(world.member)
    url = reverse(name, args=[world.project_place.pk])
    job = job_from(client.post(url))
    project_services.project_leave(project=world.project, person=world.member)

    run_jobs_once()
    job.refresh_from_db()
    assert job.state == State.FAILED
    assert not job.file
    assert job.error == "You can no longer see what you asked for, so it was not prepared."
    page = client.get(job.get_absolute_url()).content.decode()
    assert "You can no longer see what you asked for" in page
    download = client.get(reverse("jobs:download", args=[job.pk]))
    assert download.status_code == 302 and download["Location"] == job.get_absolute_url()


def test_the_outputs_list_links_to_the_pages_that_prepare_them(world) -> None:
    _papers(world)
    client = client_for(world.member)
    page = client.get(reverse("outputs:place_list", args=[world.project_place.pk]))
    html = page.content.decode()
    for name in ("outputs:place_csl_json", "outputs:place_bibtex"):
        url = reverse(name, args=[world.project_place.pk])
        # A plain link: a `download` attribute would save the asking page as the file.
        assert f'href="{url}">' in html
        assert client.get(url).status_code == 200
