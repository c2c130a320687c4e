"""Who may reach payment policies, claims, receipts and batches: the one access rule.

- Every member of a collective sees its payment policy and claims for their own time.
- A claim is seen by its claimant, the collective's approvers (the coordinator job,
  or people the policy names) and its finance officers (named in the policy). Its
  receipts are served only to them, through a view, never from a public URL.
- Batches are seen by finance officers only.

Each helper returns the object or raises Http404, so someone outside learns nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404

from levelfield.collectives import roles
from levelfield.collectives.access import collective_for_member, may_in
from levelfield.collectives.models import Collective
from levelfield.payments.models import Batch, Claim, Expense, PaymentPolicy
from levelfield.people.models import User
from levelfield.places.models import PlaceMembership


@dataclass(frozen=True)
class Roles:
    """A member's parts in a collective's payments."""

    coordinator: bool
    approver: bool
    finance: bool


def policy_of(collective: Collective) -> PaymentPolicy:
    """The collective's policy; every collective has one (with no rates until set)."""
    policy, _ = PaymentPolicy.objects.get_or_create(collective=collective)
    return policy


def policy_if_any(collective: Collective) -> PaymentPolicy | None:
    """The policy without creating it (for pages: GET never writes)."""
    return (
        PaymentPolicy.objects.filter(collective=collective)
        .prefetch_related("rates", "expense_categories", "approvers", "finance_officers")
        .first()
    )


def policy_terms(collective: Collective) -> PaymentPolicy | None:
    """The policy row alone, without its lists (one query): what a claim page words
    from (what it pays for, how soon)."""
    return PaymentPolicy.objects.filter(collective=collective).first()


def policy_with_rates(collective: Collective) -> PaymentPolicy | None:
    """The policy and its rates only: what pricing a claim's lines needs."""
    return PaymentPolicy.objects.filter(collective=collective).prefetch_related("rates").first()


def policy_for_member(person: User, pk: int) -> PaymentPolicy:
    """A collective's policy by its id, for the collective's members (as its page is)."""
    if not getattr(person, "is_authenticated", False):
        raise Http404("No such payment policy.")
    return get_object_or_404(
        PaymentPolicy.objects.select_related("collective").filter(
            collective__in=Collective.objects.for_member(person)
        ),
        pk=pk,
    )


def is_approver(person: User, collective: Collective) -> bool:
    """The coordinator, or a member the policy names (`roles.Who.AN_APPROVER`)."""
    return roles.may(person, roles.Action.APPROVE_CLAIM, collective)


def member_roles(person: User, collective: Collective, policy: PaymentPolicy | None) -> Roles:
    """What a member of `collective` (from `collective_for_member`) does in its
    payments, for its policy page, whose policy comes with its approvers and finance
    officers: no query, where `roles.may`, `is_approver` and `is_finance` asked three.
    The same rules: an approver is the coordinator or a member the policy names; a
    finance officer is a member the policy names."""
    coordinator = may_in(person, roles.Action.SET_PAYMENT_POLICY, collective)
    approvers = {named.pk for named in policy.approvers.all()} if policy else set()
    finance = {named.pk for named in policy.finance_officers.all()} if policy else set()
    return Roles(
        coordinator=coordinator,
        approver=coordinator or person.pk in approvers,
        finance=person.pk in finance,
    )


def is_finance(person: User, collective: Collective) -> bool:
    return _named(person, collective, "finance_officers")


def _named(person: User, collective: Collective, field: str) -> bool:
    if not getattr(person, "is_authenticated", False):
        return False
    # Named people must still belong to the collective.
    return PaymentPolicy.objects.filter(
        collective=collective,
        **{field: person},
        collective_id__in=PlaceMembership.objects.in_collectives()
        .filter(person=person)
        .values("place__collective_id"),
    ).exists()


def approvable_collectives(person: User) -> Q:
    """Collectives where `person` approves: coordinators and people the policy names."""
    memberships = PlaceMembership.objects.in_collectives().filter(person=person)
    return Q(
        collective_id__in=memberships.filter(coordinator_since__isnull=False).values(
            "place__collective_id"
        )
    ) | Q(
        collective_id__in=PaymentPolicy.objects.filter(
            approvers=person, collective_id__in=memberships.values("place__collective_id")
        ).values("collective_id")
    )


def finance_collectives(person: User) -> Q:
    memberships = PlaceMembership.objects.in_collectives().filter(person=person)
    return Q(
        collective_id__in=PaymentPolicy.objects.filter(
            finance_officers=person, collective_id__in=memberships.values("place__collective_id")
        ).values("collective_id")
    )


def claims_visible_to(person: User):  # noqa: ANN201 - a QuerySet of Claim
    if not getattr(person, "is_authenticated", False):
        return Claim.objects.none()
    return Claim.objects.filter(
        Q(claimant=person) | approvable_collectives(person) | finance_collectives(person)
    )


def claim_for(person: User, pk: int) -> Claim:
    """A claim `person` may see: theirs, or one they approve or pay (the same rule as
    `claims_visible_to`). The claim is read by its id and the person's part in it checked
    after: the claimant, who sends and changes it on every step, costs one small query,
    where filtering by every collective the person approves or pays in compiled and ran
    three subqueries on each request."""
    if not getattr(person, "is_authenticated", False):
        raise Http404("No such claim.")
    claim = Claim.objects.with_people().filter(pk=pk).first()
    if claim is None or not (
        claim.is_claimant(person)
        or is_approver(person, claim.collective)
        or is_finance(person, claim.collective)
    ):
        raise Http404("No such claim.")
    return claim


def expense_in(claim: Claim, expense_pk: int) -> Expense:
    return get_object_or_404(
        Expense.objects.select_related("category"), claim=claim, pk=expense_pk
    )


def approver_collective(person: User, slug: str) -> Collective:
    collective = collective_for_member(person, slug)
    if not is_approver(person, collective):
        raise Http404("No such page.")
    return collective


def finance_collective(person: User, slug: str) -> Collective:
    collective = collective_for_member(person, slug)
    if not is_finance(person, collective):
        raise Http404("No such page.")
    return collective


def coordinator_collective(person: User, slug: str) -> Collective:
    collective = collective_for_member(person, slug)
    if not may_in(person, roles.Action.SET_PAYMENT_POLICY, collective):
        raise Http404("No such page.")
    return collective


def batch_for(person: User, pk: int) -> Batch:
    """A batch, for the finance officers of its collective."""
    if not getattr(person, "is_authenticated", False):
        raise Http404("No such batch.")
    return get_object_or_404(
        Batch.objects.filter(finance_collectives(person)).select_related("collective"), pk=pk
    )
