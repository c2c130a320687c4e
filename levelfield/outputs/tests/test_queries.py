"""Outputs where they are read: the public page, the annual report, the GRIPP2 report and
a person's recognition letter."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from levelfield.outputs import queries, services
from levelfield.outputs.models import Kind
from levelfield.outputs.tests.factories import output_make

pytestmark = pytest.mark.django_db


def test_only_outputs_chosen_for_the_public_page_are_shown_there(world) -> None:
    shown = output_make(place=world.project_place, actor=world.member, show_publicly=True)
    output_make(place=world.group, actor=world.member, title="Internal", show_publicly=False)
    assert [o.pk for o in queries.outputs_for_public_page(world.collective.pk)] == [shown.pk]


def test_the_annual_report_reads_the_outputs_of_the_year(world) -> None:
    for year in (2025, 2026, 2027):
        output_make(
            place=world.collective_place,
            actor=world.member,
            title=str(year),
            date=datetime.date(year, 6, 1),
        )
    found = queries.outputs_in_year(
        world.collective.pk, datetime.date(2026, 4, 1), datetime.date(2027, 3, 31)
    )
    assert [output.title for output in found] == ["2026"]


def test_gripp2_counts_public_contributors_without_names(world) -> None:
    paper = output_make(place=world.project_place, actor=world.member)
    services.contributor_add(actor=world.member, output=paper, name="Kai", perspective="carer")
    services.contributor_add(
        actor=world.member, output=paper, name="Dr R", perspective="researcher"
    )
    [row] = queries.outputs_for_gripp(world.project_place.pk)
    assert (row.output, row.contributors, row.public_contributors) == (paper, 2, 1)


def test_a_recognition_letter_says_what_the_person_did_with_their_roles(world) -> None:
    paper = output_make(place=world.project_place, actor=world.member)
    talk = output_make(
        place=world.project_place,
        actor=world.member,
        kind=Kind.TALK,
        title="Being believed",
        venue="INVOLVE 2026",
        date=datetime.date(2026, 6, 18),
    )
    for output in (paper, talk):
        services.contributor_add(
            actor=world.coordinator,
            output=output,
            person=world.member,
            credits={"investigation": "lead", "writing_original_draft": ""},
        )
    with CaptureQueriesContext(connection) as counted:
        lines = queries.credits_for_person(world.member.pk, world.collective.pk)
    assert len(counted) == 2
    assert [line.sentence for line in lines] == [
        "Co-author of “Being believed first time”, Research Involvement and Engagement, "
        "2026: Investigation (lead), Writing – original draft",
        "Spoke at INVOLVE 2026 (“Being believed”), 2026: Investigation (lead), "
        "Writing – original draft",
    ]
    assert (
        queries.credits_for_person(world.member.pk, start=datetime.date(2026, 5, 1))[0].output
        == talk
    )


def test_the_public_home_lists_outputs_chosen_for_it_and_no_others(world, client) -> None:
    shown = output_make(place=world.project_place, actor=world.member, show_publicly=True)
    services.contributor_add(actor=world.member, output=shown, name="Kai Turner")
    output_make(place=world.project_place, actor=world.member, title="Internal notes")
    page = client.get(reverse("stories:home", args=[world.collective.slug])).content.decode()
    assert "What we have made" in page
    assert shown.title in page and "Kai Turner" in page
    assert "https://doi.org/10.1186/s40900-026-00001-2" in page
    assert "Internal notes" not in page


def test_the_recognition_letter_says_what_they_helped_make(world, monkeypatch) -> None:
    from levelfield.jobs.testing import prepared
    from levelfield.outputs.tests.factories import client_for
    from levelfield.payments import background

    paper = output_make(place=world.project_place, actor=world.member)
    services.contributor_add(
        actor=world.coordinator,
        output=paper,
        person=world.member,
        credits={"investigation": "lead"},
    )
    written = []
    monkeypatch.setattr(
        background, "pdf_from_html", lambda html, **_: written.append(html) or b"%PDF-1.7"
    )
    response = prepared(client_for(world.member), reverse("payments:recognition"))
    assert response.content == b"%PDF-1.7"
    assert "What they helped make" in written[0]
    assert "Co-author of “Being believed first time”" in written[0]
    assert "Investigation (lead)" in written[0]


def test_gripp2_and_the_annual_report_say_how_involvement_shaped_outputs(world) -> None:
    from levelfield.reports.figures import Scope, figures_for
    from levelfield.reports.models import Kind as ReportKind
    from levelfield.reports.sections import statements_for

    paper = output_make(place=world.project_place, actor=world.member)
    services.contributor_add(actor=world.member, output=paper, name="Kai", perspective="carer")
    services.contributor_add(actor=world.member, output=paper, name="Dr R")
    output_make(
        place=world.collective_place,
        actor=world.member,
        title="Old",
        date=datetime.date(2020, 1, 1),
    )
    project = figures_for(Scope(collective=world.collective, project=world.project))
    assert [row["title"] for row in project["outputs"]] == [paper.title]
    results = statements_for(ReportKind.GRIPP2, project)["results"]
    said = [statement["text"] for statement in results]
    assert (
        "Paper: “Being believed first time” (Research Involvement and Engagement, 2026), "
        "1 of its 2 contributors public contributors."
    ) in said
    year = figures_for(Scope(collective=world.collective, year=2026))
    assert [row["title"] for row in year["outputs"]] == [paper.title]
