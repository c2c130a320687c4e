"""Demo payments: a policy with example rates (labelled as examples) and claims in
every state. Safe to run twice: it does nothing once the demo claims exist."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.utils import timezone

from levelfield.collectives.models import Collective
from levelfield.payments import services
from levelfield.payments.models import Claim, ExpenseCategory, PaymentPolicy, Rate
from levelfield.people.models import User
from levelfield.projects.models import Participation

EXAMPLE = "Example rates for the demo, not a recommendation."


def demo_load(*, collective: Collective, people: dict[str, User]) -> None:
    if Claim.objects.filter(collective=collective).exists():
        return
    policy, _ = PaymentPolicy.objects.get_or_create(
        collective=collective, defaults={"fee_cost_code": "PPI-FEES", "pay_within_days": 10}
    )
    policy.finance_officers.add(people["amara"])
    Rate.objects.get_or_create(
        policy=policy,
        effective_from=date(2020, 1, 1),
        defaults={
            "hourly": Decimal("25.00"),
            "half_day": Decimal("75.00"),
            "day": Decimal("150.00"),
            "note": EXAMPLE,
        },
    )
    for name, limit, receipt_over in [
        ("Travel", "50.00", "10.00"),
        ("Carer or childcare cover", "80.00", "0.00"),
        ("Data or Wi-Fi for remote meetings", "10.00", "10.00"),
        ("Subsistence", "15.00", "5.00"),
    ]:
        ExpenseCategory.objects.get_or_create(
            policy=policy,
            name=name,
            defaults={"limit": Decimal(limit), "receipt_over": Decimal(receipt_over)},
        )
    approver = next(
        (p for p in people.values() if services.access.is_approver(p, collective)), None
    )
    times = list(
        Participation.objects.filter(entry__place__collective=collective, person__isnull=False)
        .exclude(person=approver)
        .select_related("person", "entry")
        .order_by("pk")
    )
    if approver is None or len(times) < 7:
        return
    travel = ExpenseCategory.objects.get(policy=policy, name="Travel")
    claims = [
        services.claim_create(collective=collective, claimant=t.person, participations=[t])
        for t in times[:7]
    ]
    draft, submitted, queried, approved, rejected, exported, paid = claims
    services.claim_expense_add(
        claim=submitted,
        actor=submitted.claimant,
        category=travel,
        description="Bus there and back",
        amount=Decimal("4.80"),
    )
    for claim in claims[1:]:
        services.claim_submit(claim=claim, actor=claim.claimant)
    services.claim_query(claim=queried, actor=approver, question="Did you travel by bus or train?")
    services.claim_reject(
        claim=rejected, actor=approver, reason="This meeting was already paid by the hospital."
    )
    services.claim_approve(claim=paid, actor=approver)
    first = services.batch_create(collective=collective, actor=people["amara"])
    services.batch_mark_paid(batch=first, actor=people["amara"], paid_on=timezone.localdate())
    services.claim_approve(claim=exported, actor=approver)
    services.batch_create(collective=collective, actor=people["amara"])
    services.claim_approve(claim=approved, actor=approver)
    del draft  # stays a draft
