"""Claims under concurrency, on PostgreSQL's real connections: an activity claimed by
two submissions at once is claimed once; two approvals at once approve (and pay) once."""

from __future__ import annotations

from django.core.exceptions import ValidationError

from levelfield.collectives.tests.factories import CollectiveMembershipFactory
from levelfield.collectives.tests.threads import CONCURRENCY_MARKS, at_once
from levelfield.history.models import Change
from levelfield.payments import services
from levelfield.payments.models import Claim, ClaimLine, Status
from levelfield.payments.tests.conftest import PaymentsWorld
from levelfield.payments.tests.conftest import payments_world as payments_world  # noqa: F401 - the fixture
from levelfield.people.tests.factories import UserFactory

pytestmark = CONCURRENCY_MARKS


def test_two_submissions_at_once_claim_an_activity_once(payments_world: PaymentsWorld) -> None:
    results = at_once(
        4,
        lambda n: services.claim_create(
            collective=payments_world.policy.collective,
            claimant=payments_world.contributor,
            participations=[payments_world.meeting],
        ),
    )
    assert ClaimLine.objects.filter(participation=payments_world.meeting).count() == 1
    assert Claim.objects.count() == 1
    assert sum(isinstance(r, ValidationError) for r in results) == 3


def test_two_approvals_at_once_approve_and_pay_once(payments_world: PaymentsWorld) -> None:
    second = UserFactory(display_name="Bea")
    CollectiveMembershipFactory(collective=payments_world.policy.collective, person=second)
    payments_world.policy.approvers.add(second)
    claim = services.claim_create(
        collective=payments_world.policy.collective,
        claimant=payments_world.contributor,
        participations=[payments_world.meeting],
    )
    services.claim_submit(claim=claim, actor=payments_world.contributor)
    approvers = [payments_world.coordinator, second]
    results = at_once(2, lambda n: services.claim_approve(claim=claim, actor=approvers[n]))
    assert sum(isinstance(r, ValidationError) for r in results) == 1
    assert Change.objects.filter(action="claim_approved").count() == 1
    batches = at_once(
        2,
        lambda n: services.batch_create(
            collective=payments_world.policy.collective, actor=payments_world.finance
        ),
    )
    assert sum(isinstance(r, ValidationError) for r in batches) == 1
    claim.refresh_from_db()
    assert claim.status == Status.EXPORTED
    assert claim.batch.total == claim.total
