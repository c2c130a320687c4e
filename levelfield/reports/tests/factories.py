"""Small hand-made records with known figures, for reports' tests."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone

from levelfield.collectives.models import Collective
from levelfield.decisions.models import Outcome
from levelfield.decisions.tests.factories import DecisionFactory
from levelfield.payments.models import Batch, Claim, Status
from levelfield.people.models import User
from levelfield.projects.models import InvolvementEntry, Participation, Project, Stage
from levelfield.projects.tests.factories import InvolvementEntryFactory
from levelfield.reflection.models import Action
from levelfield.reflection.tests.factories import Team, answer_all, close, make_team

YEAR = 2026


@dataclass
class Known:
    """A project with five public contributors and five researchers, and what happened."""

    team: Team
    entries: list[InvolvementEntry] = field(default_factory=list)
    decisions: list = field(default_factory=list)

    @property
    def project(self) -> Project:
        return self.team.project

    @property
    def collective(self) -> Collective:
        return self.team.project.collective

    @property
    def member(self) -> User:
        return self.team.professionals[0]


def entry_with(
    project: Project, people: list[User], minutes: int, **values: object
) -> InvolvementEntry:
    entry = InvolvementEntryFactory(project=project, **values)
    Participation.objects.bulk_create(
        [Participation(entry=entry, person=person, minutes=minutes) for person in people]
    )
    return entry


def known_project(*, checkin: bool = True) -> Known:
    """Entries: a design workshop with all ten (an hour each) and an analysis session with
    two public contributors (half an hour each): 11 hours, 10 people; the analysis
    stage has fewer than five people, so it is merged. Two decisions closed, one with an
    outcome, one still open. A check-in where public contributors gave 5 and researchers
    3 (a gap of +2 on every principle), with one action."""
    known = Known(team=make_team(public=5, professionals=5))
    project = known.project
    known.entries = [
        entry_with(
            project,
            known.team.members,
            60,
            title="Design workshop",
            stage=Stage.DESIGN,
            happened_on=datetime.date(YEAR, 3, 1),
            what_changed="We dropped the second questionnaire.",
        ),
        entry_with(
            project,
            known.team.public[:2],
            30,
            title="Analysis session",
            stage=Stage.ANALYSIS,
            happened_on=datetime.date(YEAR, 6, 1),
            what_changed="",
        ),
    ]
    now = timezone.now()
    decided = DecisionFactory(
        place=project.place,
        title="Which questionnaire?",
        opens_at=now - datetime.timedelta(days=9),
        closes_at=now - datetime.timedelta(days=1),
        closed_at=now - datetime.timedelta(days=1),
    )
    Outcome.objects.create(
        decision=decided,
        statement="We use the shorter questionnaire.",
        written_by=known.member,
        written_at=now,
        updated_at=now,
    )
    DecisionFactory(
        place=project.place,
        opens_at=now - datetime.timedelta(days=9),
        closes_at=now - datetime.timedelta(days=1),
        closed_at=now - datetime.timedelta(days=1),
    )
    DecisionFactory(place=project.place)  # still open: not counted
    if checkin:
        opens = now - datetime.timedelta(days=10)
        checkin_round = known.team.open_round(
            opens_at=opens, closes_at=now - datetime.timedelta(days=3), now=opens
        )
        answer_all(checkin_round, known.team.public, 5, now=opens)
        answer_all(checkin_round, known.team.professionals, 3, now=opens)
        close(checkin_round)
        Action.objects.create(
            round=checkin_round,
            theme="",
            text="Send papers a week before meetings.",
            recorded_by=known.member,
            recorded_at=now,
        )
    return known


def paid_claims(collective: Collective, people: list[User], days: list[int]) -> list[Claim]:
    """One paid claim per person: £20 fee and £5 expenses, paid `days` after the activity
    (in the report's year)."""
    batch = Batch.objects.create(
        collective=collective,
        created_at=timezone.now(),
        total=Decimal("0"),
        csv_file=b"",
        xlsx_file=b"",
    )
    start = datetime.date(YEAR, 3, 1)
    return [
        Claim.objects.create(
            collective=collective,
            claimant=person,
            status=Status.PAID,
            fee_total=Decimal("20.00"),
            expense_total=Decimal("5.00"),
            first_activity_on=start,
            batch=batch,
            paid_on=start + datetime.timedelta(days=span),
        )
        for person, span in zip(people, days, strict=True)
    ]
