"""Payments for `manage.py seed_scale`: rates and policies, and 50,000 claims.

Every collective gets rates (from long before the first entry) and two expense
categories through the services, so the history has them; the network names person 1
as an approver beside the coordinator (the load benchmark opens the queue as them; more
approvers would mean more notices for every claim sent). Claims are
bulk-inserted, one per participation of someone outside the load benchmark's people,
in every state, each with its one line priced by `money.fee_for` as `claim_create`
prices it, so a claim's total is the sum of its lines. Exported and paid claims sit in
one batch per collective.
"""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

from django.utils import timezone

from levelfield.collectives.scale import collectives_in_order, network
from levelfield.lib.scale import batches, scaled
from levelfield.payments import services
from levelfield.payments.models import Batch, Choice, Claim, ClaimLine, PaymentPolicy, Status
from levelfield.payments.money import fee_for
from levelfield.people.models import User
from levelfield.people.scale import LOAD_PEOPLE, people_in_order
from levelfield.projects.models import Participation

CLAIMS = 50_000
STATUS_WEIGHTS = {
    Status.DRAFT: 5,
    Status.SUBMITTED: 15,
    Status.QUERIED: 5,
    Status.APPROVED: 10,
    Status.REJECTED: 5,
    Status.EXPORTED: 5,
    Status.PAID: 55,
}
DECIDED = {Status.APPROVED, Status.REJECTED, Status.EXPORTED, Status.PAID}


def scale_seed(*, size: str, rng: random.Random) -> None:
    ids = people_in_order()
    coordinator = User.objects.get(pk=ids[0])
    long_ago = timezone.localdate() - datetime.timedelta(days=5 * 365)
    collectives = collectives_in_order()
    for collective in collectives:
        services.rate_add(
            collective=collective,
            actor=coordinator,
            effective_from=long_ago,
            hourly=Decimal(25),
            half_day=Decimal(75),
            day=Decimal(150),
            note="Made-up rates for the benchmark",
            today=long_ago,
        )
        services.category_add(
            collective=collective,
            actor=coordinator,
            name="Travel",
            limit=Decimal(100),
            receipt_over=Decimal(10),
        )
    services.policy_update(
        collective=network(),
        actor=coordinator,
        approvers=[User.objects.get(pk=ids[1])],
    )
    _claims_add(collectives, coordinator, scaled(size, CLAIMS), rng)


def _claims_add(collectives: list, coordinator: User, count: int, rng: random.Random) -> None:
    kept_free = set(people_in_order()[: LOAD_PEOPLE + 1])
    rows = [
        row
        for row in Participation.objects.filter(person__isnull=False)
        .order_by("pk")
        .values_list(
            "pk",
            "person_id",
            "minutes",
            "entry__title",
            "entry__happened_on",
            "entry__place__collective_id",
        )
        if row[1] not in kept_free
    ]
    chosen = sorted(rng.sample(rows, min(count, len(rows))))
    policies = {
        policy.collective_id: policy
        for policy in PaymentPolicy.objects.filter(collective__in=collectives).prefetch_related(
            "rates"
        )
    }
    now = timezone.now()
    batches_of = {
        collective.pk: Batch.objects.create(
            collective=collective, created_by=coordinator, created_at=now, total=Decimal(0)
        )
        for collective in collectives
    }
    statuses, weights = list(STATUS_WEIGHTS), list(STATUS_WEIGHTS.values())
    lines: list[ClaimLine] = []
    claims: list[Claim] = []
    for pk, person_id, minutes, title, happened_on, collective_id in chosen:
        policy = policies[collective_id]
        rate = policy.rate_on(happened_on)
        fee = fee_for(minutes, rate.rates, policy.bands)
        status = rng.choices(statuses, weights)[0]
        claims.append(
            Claim(
                collective_id=collective_id,
                claimant_id=person_id,
                status=status,
                choice=Choice.FEE,
                fee_total=fee.amount,
                first_activity_on=happened_on,
                submitted_at=None if status == Status.DRAFT else now,
                decided_at=now if status in DECIDED else None,
                decided_by=coordinator if status in DECIDED else None,
                batch=batches_of[collective_id]
                if status in (Status.EXPORTED, Status.PAID)
                else None,
                paid_on=happened_on + datetime.timedelta(days=rng.randrange(3, 40))
                if status == Status.PAID
                else None,
            )
        )
        lines.append(
            ClaimLine(
                participation_id=pk,
                title=title,
                happened_on=happened_on,
                minutes=minutes,
                basis=fee.basis,
                rate=fee.rate,
                amount=fee.amount,
            )
        )
    for chunk in batches(claims):
        Claim.objects.bulk_create(chunk)  # PostgreSQL and SQLite both return the ids
    for claim, line in zip(claims, lines, strict=True):
        line.claim_id = claim.pk
    for chunk in batches(lines):
        ClaimLine.objects.bulk_create(chunk)
    for batch in batches_of.values():
        claims_in = Claim.objects.filter(batch=batch)
        total = sum((claim.fee_total for claim in claims_in.only("fee_total")), Decimal(0))
        Batch.objects.filter(pk=batch.pk).update(total=total)
