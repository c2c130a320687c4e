"""The figures of a report, checked against small hand-made records with known numbers."""

from __future__ import annotations

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from levelfield.people.tests.factories import UserFactory
from levelfield.projects.models import Stage
from levelfield.projects.tests.factories import ProjectFactory
from levelfield.reports.figures import Scope, figures_for
from levelfield.reports.models import Kind
from levelfield.reports.sections import statements_for
from levelfield.reports.tests.factories import YEAR, entry_with, known_project, paid_claims
from levelfield.stories.tests.factories import StoryFactory

pytestmark = pytest.mark.django_db


def test_a_project_report_counts_time_by_perspective_and_stage() -> None:
    known = known_project()
    figures = figures_for(Scope(collective=known.collective, project=known.project))
    involvement = figures["involvement"]
    assert involvement["entries"] == 2
    assert involvement["people"] == 10
    assert involvement["hours"] == "11.0"
    assert involvement["split"] is True
    assert involvement["by_group"] == [
        {"group": "Public contributors", "people": 5, "hours": "6.0"},
        {"group": "Researchers and practitioners", "people": 5, "hours": "5.0"},
    ]
    # The analysis stage had two people: merged into an unnamed row, no people count.
    assert involvement["by_stage"] == [
        {"stage": "Design", "entries": 1, "people": 10, "hours": "10.0"},
        {
            "stage": "Other stages (fewer than 5 people at each)",
            "entries": 1,
            "people": None,
            "hours": "1.0",
        },
    ]


def test_decisions_checkins_gaps_and_actions_come_with_links() -> None:
    known = known_project()
    figures = figures_for(Scope(collective=known.collective, project=known.project))
    assert figures["decisions"]["made"] == 2
    assert figures["decisions"]["with_outcome"] == 1
    [outcome] = figures["decisions"]["outcomes"]
    assert outcome["statement"] == "We use the shorter questionnaire."
    assert outcome["link"].startswith("/decisions/")
    checkins = figures["checkins"]
    assert checkins["rounds"] == 1
    assert checkins["answers"] == 10
    assert checkins["actions"] == 1
    assert len(checkins["gaps"]) == 3
    assert all(gap["gap"] == 2.0 for gap in checkins["gaps"])
    assert {row["average"] for row in checkins["themes"]} == {4.0}
    assert [row["average"] for row in checkins["trend"]] == [4.0]
    assert figures["stories"][0]["what_changed"] == "We dropped the second questionnaire."
    assert figures["evidence"], "the evidence view's figures are included"


def test_a_small_team_is_never_split_and_its_people_not_counted() -> None:
    project = ProjectFactory()
    people = [UserFactory() for _ in range(3)]
    entry_with(project, people, 45, stage=Stage.DESIGN)
    figures = figures_for(Scope(collective=project.collective, project=project))
    assert figures["involvement"]["people"] is None
    assert figures["involvement"]["split"] is False
    assert figures["involvement"]["by_group"] == []
    assert figures["payments"] == {"shown": False, "claims": None}


def test_an_annual_report_counts_the_year_only() -> None:
    known = known_project(checkin=False)
    entry_with(
        known.project,
        known.team.members,
        120,
        stage=Stage.DESIGN,
        happened_on=datetime.date(YEAR - 1, 12, 31),
    )
    figures = figures_for(Scope(collective=known.collective, year=YEAR))
    assert figures["involvement"]["entries"] == 2
    assert figures["involvement"]["hours"] == "11.0"
    assert figures["projects"] == {
        "total": 1,
        "new": 1,
        "by_stage": [{"stage": "Design", "count": 1}],
    }
    assert figures["people"] == {"members": 10, "new": 10}


def test_an_annual_report_names_the_stories_published_that_year_and_no_drafts() -> None:
    known = known_project(checkin=False)
    collective = known.collective
    zone = timezone.get_current_timezone()
    writer = known.team.members[0]
    StoryFactory(
        collective=collective,
        author=writer,
        title="Why we changed the questionnaire",
        published_at=datetime.datetime(YEAR, 6, 1, 12, tzinfo=zone),
    )
    StoryFactory(
        collective=collective,
        author=writer,
        title="Last year's story",
        published_at=datetime.datetime(YEAR - 1, 6, 1, 12, tzinfo=zone),
    )
    StoryFactory(collective=collective, author=writer, title="A draft", published_at=None)
    figures = figures_for(Scope(collective=collective, year=YEAR))
    [story] = figures["published_stories"]
    assert story["title"] == "Why we changed the questionnaire"
    assert story["on"] == f"{YEAR}-06-01"
    assert story["link"].startswith(f"/c/{collective.slug}/stories/")
    statements = statements_for(Kind.ANNUAL, figures)["stories"]
    assert statements[0]["text"] == "Published story: Why we changed the questionnaire."


def test_payments_show_totals_and_days_to_pay_only_from_five_people() -> None:
    known = known_project(checkin=False)
    paid_claims(known.collective, known.team.members[:5], [10, 12, 14, 20, 30])
    figures = figures_for(Scope(collective=known.collective, year=YEAR))
    assert figures["payments"] == {
        "shown": True,
        "claims": 5,
        "people": 5,
        "fees": "100.00",
        "expenses": "25.00",
        "median_days": 14,
    }


def test_payments_to_four_people_are_not_shown() -> None:
    known = known_project(checkin=False)
    paid_claims(known.collective, known.team.members[:4], [10, 12, 14, 20])
    figures = figures_for(Scope(collective=known.collective, year=YEAR))
    assert figures["payments"] == {"shown": False, "claims": None}


def _queries(scope: Scope) -> int:
    """Queries to work the figures out afresh: what pieces keep per version (a closed
    check-in round's results) is forgotten first, so each count is the whole work."""
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        figures_for(scope)
    return len(captured)


def test_generation_costs_the_same_queries_with_1_or_20_entries() -> None:
    known = known_project()
    scope = Scope(collective=known.collective, year=YEAR)
    project_scope = Scope(collective=known.collective, project=known.project)
    before, before_project = _queries(scope), _queries(project_scope)
    for day in range(20):
        entry_with(
            known.project,
            known.team.members,
            30,
            stage=Stage.ANALYSIS,
            happened_on=datetime.date(YEAR, 4, 1 + day),
        )
    paid_claims(known.collective, known.team.members, [3] * 10)
    assert _queries(scope) == before
    assert _queries(project_scope) == before_project


def test_the_annual_report_counts_a_groups_check_in_but_a_project_report_does_not(
    clock: object,
) -> None:
    """Check-ins belong to a place: an Allies Group's round is the collective's work in
    its year, and none of the project's."""
    from levelfield.places.services import group_create, group_join
    from levelfield.reflection import services as checkin_services
    from levelfield.reflection.tests.factories import answer_all, close, version_of

    known = known_project(checkin=False)
    group = group_create(
        collective=known.collective, actor=known.member, name="Allies Group", purpose="Us."
    )
    for person in known.team.members:
        group_join(group=group, person=person)
    now = timezone.now()
    checkin = checkin_services.round_open(
        person=known.member,
        place=group,
        version=version_of(),
        title="Allies check-in",
        opens_at=now,
        closes_at=now + datetime.timedelta(days=7),
        now=now,
    )
    answer_all(checkin, known.team.members, 4, now=now)
    close(checkin)

    annual = figures_for(Scope(collective=known.collective, year=YEAR))["checkins"]
    assert (annual["rounds"], annual["answers"]) == (1, 10)
    project = figures_for(Scope(collective=known.collective, project=known.project))
    assert project["checkins"]["rounds"] == 0
