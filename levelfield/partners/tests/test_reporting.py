"""The annual report says who we worked with and what we did for them, with the income
as money; a project's GRIPP2 report names the partners linked to it."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from levelfield.partners import services
from levelfield.partners.reporting import report_figures
from levelfield.partners.tests.test_partners import organisation_make, work_values
from levelfield.reports.figures import Scope, figures_for
from levelfield.reports.models import Kind
from levelfield.reports.sections import sections_of, statements_for

pytestmark = pytest.mark.django_db


def _record(world) -> None:
    council = organisation_make(world, name="Riverside City Council")
    services.work_add(
        organisation=council,
        actor=world.member,
        values=work_values(kind="advice", title="Advice", income=Decimal("1800.00")),
    )
    school = organisation_make(world, name="School of Hygiene")
    services.work_add(
        organisation=school,
        actor=world.member,
        values=work_values(
            kind="workshops",
            title="Workshop series",
            started_on=datetime.date(2025, 10, 1),
            ended_on=datetime.date(2026, 2, 1),
            income=Decimal("4500.50"),
        ),
    )
    services.work_add(
        organisation=school,
        actor=world.member,
        values=work_values(
            title="Old training", started_on=datetime.date(2024, 1, 1), ended_on=None
        ),
    )
    funder = organisation_make(world, name="Research Fund")
    services.work_add(
        organisation=funder,
        actor=world.member,
        values=work_values(kind="project", title="Grant", income=None, project=world.project),
    )


def test_the_annual_report_has_who_we_worked_with_and_the_income_as_money(world):
    _record(world)
    figures = figures_for(Scope(collective=world.collective, year=2026))
    partners = figures["partners"]
    assert partners["entries"] == 3  # the 2024 training is outside the year
    assert partners["organisations"] == 3
    assert partners["income"] == "6300.50"
    assert [row["name"] for row in partners["listed"]] == [
        "School of Hygiene",
        "Riverside City Council",
        "Research Fund",
    ]
    assert "partners" in [section.key for section in sections_of(Kind.ANNUAL)]
    said = [s["text"] for s in statements_for(Kind.ANNUAL, figures)["partners"]]
    assert said[0] == (
        "We worked with 3 organisations on 3 pieces of work, bringing in £6,300.50 in all."
    )
    assert "School of Hygiene (commissioner): workshop series, bringing in £4,500.50." in said


def test_a_year_without_partner_work_says_so(world):
    figures = figures_for(Scope(collective=world.collective, year=2026))
    said = statements_for(Kind.ANNUAL, figures)["partners"]
    assert said[0]["text"] == "No work with partner organisations was recorded for this year."


def test_gripp2_names_the_partners_linked_to_the_project(world):
    _record(world)
    figures = figures_for(Scope(collective=world.collective, project=world.project))
    methods = [s["text"] for s in statements_for(Kind.GRIPP2, figures)["methods"]]
    assert "Partner organisations: Research Fund (commissioner)." in methods


def _queries(world) -> int:
    with CaptureQueriesContext(connection) as captured:
        report_figures(collective_id=world.collective.pk)
    return len(captured)


def test_the_figures_cost_the_same_queries_with_few_or_many_partners(world):
    _record(world)
    few = _queries(world)
    for number in range(20):
        organisation = organisation_make(world, name=f"Partner {number}")
        services.work_add(organisation=organisation, actor=world.member, values=work_values())
    assert _queries(world) == few
