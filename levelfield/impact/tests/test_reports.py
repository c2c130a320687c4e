"""Published impacts feed both reports: GRIPP2's "what happened because of involvement"
and the annual report's "stories of change", each sentence linked to its record, with
no names. Drafts wait for the coordinator; the annual report reads the year only."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from levelfield.impact import services
from levelfield.impact.figures import report_impacts
from levelfield.impact.tests.factories import impact_make
from levelfield.outputs.tests.factories import output_make
from levelfield.projects.tests.factories import InvolvementEntryFactory
from levelfield.reports.figures import Scope, figures_for
from levelfield.reports.models import Kind as ReportKind
from levelfield.reports.sections import statements_for

pytestmark = pytest.mark.django_db


def test_gripp2_and_the_annual_report_say_what_changed_for_whom(world) -> None:
    impact = impact_make(place=world.project_place, actor=world.member)
    services.impact_link(
        actor=world.member,
        impact=impact,
        outputs=[output_make(place=world.project_place, actor=world.member)],
        entries=[InvolvementEntryFactory(project=world.project, what_changed="Clearer.")],
    )
    impact_make(place=world.project_place, actor=world.member, title="Still a draft")
    old = impact_make(
        place=world.collective_place,
        actor=world.member,
        title="Long ago",
        happened_on=datetime.date(2020, 1, 1),
    )
    for published in (impact, old):
        services.impact_publish(actor=world.coordinator, impact=published)

    project = figures_for(Scope(collective=world.collective, project=world.project))
    assert [row["title"] for row in project["impact"]] == ["Clinic letters rewritten"]
    said = statements_for(ReportKind.GRIPP2, project)["results"]
    sentence = (
        "Impact for patients and service users (people leaving hospital after a stroke), "
        "practice or services, 2026: “Clinic letters rewritten”: The stroke clinic rewrote "
        "its discharge letter with patients. Evidence recorded; linked to 1 involvement "
        "entry and 1 output."
    )
    found = [statement for statement in said if statement["text"] == sentence]
    assert found and found[0]["links"] == [["the impact", impact.get_absolute_url()]]

    year = figures_for(Scope(collective=world.collective, year=2026))
    assert [row["title"] for row in year["impact"]] == ["Clinic letters rewritten"]
    stories = statements_for(ReportKind.ANNUAL, year)["stories"]
    assert sentence in [statement["text"] for statement in stories]
    assert world.member.name not in str(year["impact"])  # no names in the snapshot


def test_the_report_figures_take_one_query_however_many_impacts(world) -> None:
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            report_impacts(collective_id=world.collective.pk, project_id=world.project.pk)
        return len(captured)

    impact = impact_make(place=world.project_place, actor=world.member)
    services.impact_publish(actor=world.coordinator, impact=impact)
    few = queries()
    for number in range(6):
        more = impact_make(place=world.project_place, actor=world.member, title=f"n{number}")
        services.impact_publish(actor=world.coordinator, impact=more)
    assert queries() == few == 1
