"""The payments app's part of a person's data download and erasure (see manifest.py).

Erasure keeps a claim already sent to finance as a tax record: six years after the end
of the UK tax year (5 April) it was paid in, under the person's payee reference and no
name; `delete_expired_payment_records` (cron, daily) deletes it then. Every other claim
of theirs goes at once, with its receipts.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.db.models import Count, Min, Q
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from levelfield.collectives import roles
from levelfield.lib.manifests import NEEDS_SHOWN, ErasureContext, Need, export_rows
from levelfield.lib.words import number
from levelfield.payments.models import (
    Batch,
    Claim,
    ClaimLine,
    ClaimMessage,
    Expense,
    PaymentPolicy,
    Status,
    YearlyLimit,
)
from levelfield.people.models import PaymentPreference
from levelfield.projects.models import Participation

TAX_RECORD_YEARS = 6
SENT_TO_FINANCE = (Status.EXPORTED, Status.PAID)


def export(person: Any) -> dict[str, list[dict]]:
    claims = Claim.objects.filter(claimant=person)
    return {
        "payment_claims": export_rows(
            claims,
            reference="id",
            collective="collective__name",
            status="status",
            how_paid="choice",
            fees="fee_total",
            expenses="expense_total",
            created="created_at",
            submitted="submitted_at",
            decided="decided_at",
            why_not_approved="rejection_reason",
            paid_on="paid_on",
        ),
        "payment_claim_lines": export_rows(
            ClaimLine.objects.filter(claim__in=claims),
            claim="claim_id",
            activity="title",
            basis="basis",
            rate="rate",
            amount="amount",
        ),
        "expenses_and_receipts": export_rows(
            Expense.objects.filter(claim__in=claims),
            claim="claim_id",
            description="description",
            amount="amount",
            receipt="receipt",
            added="added_at",
        ),
        "messages_on_claims": export_rows(
            ClaimMessage.objects.filter(author=person),
            claim="claim_id",
            kind="kind",
            text="text",
            at="at",
        ),
        "claims_you_decided": export_rows(
            Claim.objects.filter(decided_by=person),
            claim="id",
            status="status",
            decided="decided_at",
        ),
        "payment_batches_you_made_or_paid": export_rows(
            Batch.objects.filter(Q(created_by=person) | Q(paid_by=person)),
            batch="id",
            collective="collective__name",
            total="total",
            created="created_at",
            paid_on="paid_on",
        ),
        "payment_jobs": export_rows(
            PaymentPolicy.objects.filter(Q(approvers=person) | Q(finance_officers=person)),
            collective="collective__name",
        ),
        "yearly_payment_limit": export_rows(
            YearlyLimit.objects.filter(person=person), amount="amount"
        ),
    }


def kept_until(claim: Claim) -> datetime.date:
    """Six years after the end of the tax year (to 5 April) the claim was paid in, or
    sent to finance in when not yet marked paid."""
    day = claim.paid_on or claim.batch.created_at.date()
    tax_year_ends = datetime.date(day.year, 4, 5)
    if day > tax_year_ends:
        tax_year_ends = tax_year_ends.replace(year=day.year + 1)
    return tax_year_ends.replace(year=tax_year_ends.year + TAX_RECORD_YEARS)


def erase(context: ErasureContext) -> None:
    """Claims sent to finance are kept as tax records (see the module); the rest go with
    their receipts, and their activities may no longer be claimed by anyone."""
    claims = Claim.objects.filter(claimant=context.person).select_related("batch")
    for claim in claims.filter(status__in=SENT_TO_FINANCE):
        claim.kept_payee_reference = claim.payee_reference
        claim.kept_until = kept_until(claim)
        claim.save(update_fields=["kept_payee_reference", "kept_until"])
    claims_delete(claims.exclude(status__in=SENT_TO_FINANCE))
    collective_claims = Claim.objects.filter(collective_id__in=context.collective_ids)
    context.forget(ClaimMessage.objects.filter(claim__in=collective_claims), ["text"])
    context.forget(collective_claims, ["rejection_reason"])
    context.forget(ClaimLine.objects.filter(claim__in=collective_claims), ["title"])
    context.forget(Expense.objects.filter(claim__in=collective_claims), ["description"])


def claims_delete(claims: Any) -> int:
    """Delete claims with their lines, expenses and messages, and their receipt files
    once the transaction commits."""
    expenses = Expense.objects.filter(claim__in=claims).exclude(receipt="")
    receipts = list(expenses.values_list("receipt", flat=True))
    deleted = claims.count()
    claims.delete()
    storage = Expense._meta.get_field("receipt").storage
    transaction.on_commit(lambda: [storage.delete(name) for name in receipts])
    return deleted


def claims_delete_expired(*, today: datetime.date) -> int:
    """Delete the tax records kept for people who deleted their accounts, once their
    time is up. Idempotent."""
    with transaction.atomic():
        return claims_delete(Claim.objects.filter(kept_until__lt=today))


def needs(person: Any) -> list[Need]:
    """Questions about the person's claims, claims waiting for them to approve, and time
    they gave that they have not claimed yet."""
    return _questions_about_claims(person) + _claims_to_approve(person) + _time_to_claim(person)


def _questions_about_claims(person: Any) -> list[Need]:
    """Claims an approver asked the claimant about: nothing is paid until they answer."""
    queried = (
        Claim.objects.filter(claimant=person, status=Status.QUERIED)
        .select_related("collective")
        .only("submitted_at", "collective__name")
        .order_by("submitted_at", "pk")[:NEEDS_SHOWN]
    )
    return [
        Need(
            label=_("Answer a question about your claim sent on %(day)s")
            % {"day": date_format(claim.submitted_at, "j F Y")}
            if claim.submitted_at
            else _("Answer a question about your claim"),
            url=reverse("payments:claim", args=[claim.pk]),
            place=claim.collective.name,
            kind="claim_queried",
        )
        for claim in queried
    ]


def _claims_to_approve(person: Any) -> list[Need]:
    """Claims waiting in the collectives where the person approves them, one line each,
    oldest first: people are waiting for their money."""
    rows = (
        Claim.objects.filter(
            status=Status.SUBMITTED,
            collective_id__in=roles.collectives_where(person, roles.Action.APPROVE_CLAIM),
        )
        .values("collective__slug", "collective__name")
        .annotate(count=Count("pk"), first=Min("submitted_at"))
        .order_by("first", "collective__name")[:NEEDS_SHOWN]
    )
    return [
        Need(
            label=ngettext(
                "Approve or ask about %(count)s payment claim",
                "Approve or ask about %(count)s payment claims",
                row["count"],
            )
            % {"count": number(row["count"])},
            url=reverse("payments:approvals", args=[row["collective__slug"]]),
            place=row["collective__name"],
            kind="claims_to_approve",
        )
        for row in rows
    ]


def _time_to_claim(person: Any) -> list[Need]:
    """Time the person gave that they have not claimed yet, one line per collective that
    pays for time (a Cuppa, a group meeting or a project workshop alike): public
    contributors must never lose money by not knowing. Nothing for people who said they
    do not want to be paid."""
    if getattr(person, "payment_preference", "") == PaymentPreference.DECLINE:
        return []
    rows = (
        Participation.objects.filter(
            person=person,
            claim_line__isnull=True,
            entry__place__collective__payment_policy__isnull=False,
        )
        .values("entry__place__collective__slug", "entry__place__collective__name")
        .annotate(count=Count("pk"))
        .order_by("entry__place__collective__name")[:NEEDS_SHOWN]
    )
    return [
        Need(
            label=ngettext(
                "Claim for your time: %(count)s activity not claimed yet",
                "Claim for your time: %(count)s activities not claimed yet",
                row["count"],
            )
            % {"count": number(row["count"])},
            url=reverse("payments:claim_new", args=[row["entry__place__collective__slug"]]),
            place=row["entry__place__collective__name"],
            kind="claim",
        )
        for row in rows
    ]
