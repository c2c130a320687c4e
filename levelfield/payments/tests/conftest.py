"""The one test world (levelfield/lib/testing/world.py) with a payment policy: a
contributor with time in the log, a coordinator (who approves), a finance officer,
another member and an outsider."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from levelfield.lib.testing.world import World
from levelfield.payments.models import ExpenseCategory, PaymentPolicy
from levelfield.payments.tests.factories import (
    ExpenseCategoryFactory,
    PaymentPolicyFactory,
    RateFactory,
)
from levelfield.people.models import User
from levelfield.projects.models import Participation, Project
from levelfield.projects.tests.factories import (
    InvolvementEntryFactory,
    ParticipationFactory,
    ProjectMembershipFactory,
)

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@dataclass
class PaymentsWorld:
    """The one test world's people in their payment roles, and the policy and time the
    claims are made from (the collective is `policy.collective`)."""

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
def payments_world(world: World) -> PaymentsWorld:
    """Riverside with a payment policy. Mo contributes (his time is in the project's
    log), Cora coordinates and approves, Cal is the finance officer, Gita is another
    member (joined to the project here) and Olu is an outsider."""
    policy = PaymentPolicyFactory(collective=world.collective)
    RateFactory(policy=policy)
    travel = ExpenseCategoryFactory(policy=policy)
    policy.finance_officers.add(world.collective_member)
    ProjectMembershipFactory(project=world.project, person=world.group_member)
    meeting = ParticipationFactory(
        entry=InvolvementEntryFactory(project=world.project, title="Advisory meeting"),
        person=world.member,
        minutes=90,
    )
    workshop = ParticipationFactory(
        entry=InvolvementEntryFactory(project=world.project, title="Design workshop"),
        person=world.member,
        minutes=300,
    )
    return PaymentsWorld(
        policy=policy,
        travel=travel,
        project=world.project,
        contributor=world.member,
        coordinator=world.coordinator,
        finance=world.collective_member,
        member=world.group_member,
        outsider=world.outsider,
        meeting=meeting,
        workshop=workshop,
    )
