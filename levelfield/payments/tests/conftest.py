"""A collective with a payment policy, a contributor with time in the log, a
coordinator (who approves), a finance officer and an outsider."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from levelfield.collectives.tests.factories import CollectiveFactory, CollectiveMembershipFactory
from levelfield.payments.models import ExpenseCategory, PaymentPolicy
from levelfield.payments.tests.factories import (
    ExpenseCategoryFactory,
    PaymentPolicyFactory,
    RateFactory,
)
from levelfield.people.models import User
from levelfield.people.tests.factories import UserFactory
from levelfield.projects.models import Participation, Project
from levelfield.projects.tests.factories import (
    InvolvementEntryFactory,
    ParticipationFactory,
    ProjectFactory,
    ProjectMembershipFactory,
)

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@dataclass
class World:
    policy: PaymentPolicy
    travel: ExpenseCategory
    project: Project
    contributor: User
    coordinator: User
    finance: User
    member: User
    outsider: User
    meeting: Participation
    workshop: Participation


@pytest.fixture(autouse=True)
def _private_media(settings: object, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def world(db: None) -> World:
    collective = CollectiveFactory(name="Stroke Voices", slug="stroke-voices")
    policy = PaymentPolicyFactory(collective=collective)
    RateFactory(policy=policy)
    travel = ExpenseCategoryFactory(policy=policy)
    people = {
        name: UserFactory(display_name=name.title())
        for name in ("gordon", "amara", "fin", "mo", "olu")
    }
    for name in ("gordon", "amara", "fin", "mo"):
        CollectiveMembershipFactory(
            collective=collective, person=people[name], is_coordinator=name == "amara"
        )
    policy.finance_officers.add(people["fin"])
    project = ProjectFactory(collective=collective, created_by=people["gordon"])
    for name in ("gordon", "amara", "mo"):
        ProjectMembershipFactory(project=project, person=people[name])
    meeting = ParticipationFactory(
        entry=InvolvementEntryFactory(project=project, title="Advisory meeting"),
        person=people["gordon"],
        minutes=90,
    )
    workshop = ParticipationFactory(
        entry=InvolvementEntryFactory(project=project, title="Design workshop"),
        person=people["gordon"],
        minutes=300,
    )
    return World(
        policy=policy,
        travel=travel,
        project=project,
        contributor=people["gordon"],
        coordinator=people["amara"],
        finance=people["fin"],
        member=people["mo"],
        outsider=people["olu"],
        meeting=meeting,
        workshop=workshop,
    )
