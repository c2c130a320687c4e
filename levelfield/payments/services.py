"""Changes to payment policies, claims and batches.

Each function is one thing a person does, in one transaction with its entry in the
change history; it re-checks that the person may do it. Status and amounts change
only here, and every change of either is recorded (who, when, before, after).

The claim's journey: draft -> submitted -> approved / queried / rejected; a queried
claim goes back to submitted when its claimant answers; approved -> exported (in a
finance batch) -> paid. Nobody approves their own claim. Rows are locked before a
status changes, so two approvals at once approve (and pay) once.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from datetime import UTC as datetime_utc
from datetime import date, datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Q, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from levelfield.collectives import roles
from levelfield.collectives.models import Collective
from levelfield.history.services import change_record
from levelfield.lib.words import day as day_words
from levelfield.notifications.services import notification_send, notifications_send_each
from levelfield.payments import access, exports
from levelfield.payments.models import (
    Batch,
    Choice,
    Claim,
    ClaimLine,
    ClaimMessage,
    Expense,
    ExpenseCategory,
    MessageKind,
    PaymentPolicy,
    Rate,
    Status,
    YearlyLimit,
)
from levelfield.payments.money import ZERO, fee_for, money, pounds, tax_year_of
from levelfield.payments.receipts import receipt_check
from levelfield.people.models import User
from levelfield.places.models import PlaceMembership
from levelfield.projects.models import Participation

PENDING = (Status.SUBMITTED, Status.QUERIED, Status.APPROVED, Status.EXPORTED)


# The policy


def policy_update(*, collective: Collective, actor: User, **values: object) -> PaymentPolicy:
    """Change the policy's rules (bands, what time counts, approvers, finance)."""
    roles.require(actor, roles.Action.SET_PAYMENT_POLICY, collective)
    people_fields = {
        key: values.pop(key) for key in ("approvers", "finance_officers") if key in values
    }
    if values.get("half_day_up_to_minutes", 1) < values.get("hourly_up_to_minutes", 0):
        raise ValidationError(_("The half-day limit must be at least the hourly limit."))
    with transaction.atomic():
        policy = access.policy_of(collective)
        policy = PaymentPolicy.objects.select_for_update().get(pk=policy.pk)
        before = _policy_snapshot(policy)
        for key, value in values.items():
            setattr(policy, key, value)
        policy.save()
        for key, people in people_fields.items():
            getattr(policy, key).set(people)
        after = _policy_snapshot(policy)
        if before != after:
            change_record(
                actor=actor,
                action="payment_policy_updated",
                summary=f"{actor.name} changed the payment policy",
                subject=policy,
                collective=collective,
                before={k: v for k, v in before.items() if after[k] != v},
                after={k: v for k, v in after.items() if before[k] != v},
            )
    return policy


def rate_add(
    *,
    collective: Collective,
    actor: User,
    effective_from: date,
    hourly: Decimal,
    half_day: Decimal,
    day: Decimal,
    note: str = "",
    today: date | None = None,
) -> Rate:
    """New rates from a date on. Never retroactive: the date may not be in the past,
    and claims already made keep the rate they were made with."""
    roles.require(actor, roles.Action.SET_PAYMENT_POLICY, collective)
    today = today or timezone.localdate()
    if effective_from < today:
        raise ValidationError(
            _("New rates cannot start in the past: people were told what they would be paid.")
        )
    with transaction.atomic():
        policy = access.policy_of(collective)
        try:
            with transaction.atomic():
                rate = Rate.objects.create(
                    policy=policy,
                    effective_from=effective_from,
                    hourly=pounds(hourly),
                    half_day=pounds(half_day),
                    day=pounds(day),
                    note=note.strip(),
                )
        except IntegrityError:
            raise ValidationError(
                _("There are already rates from %(day)s.")
                % {"day": date_format(effective_from, "j F Y")}
            ) from None
        change_record(
            actor=actor,
            action="payment_rate_added",
            summary=f"{actor.name} set rates from {day_words(effective_from)}",
            subject=rate,
            collective=collective,
            after={
                "from": effective_from.isoformat(),
                "hourly": str(rate.hourly),
                "half_day": str(rate.half_day),
                "day": str(rate.day),
            },
        )
    return rate


def category_add(
    *,
    collective: Collective,
    actor: User,
    name: str,
    limit: Decimal,
    receipt_over: Decimal,
    cost_code: str = "",
) -> ExpenseCategory:
    roles.require(actor, roles.Action.SET_PAYMENT_POLICY, collective)
    with transaction.atomic():
        policy = access.policy_of(collective)
        try:
            with transaction.atomic():
                category = ExpenseCategory.objects.create(
                    policy=policy,
                    name=name.strip(),
                    limit=pounds(limit),
                    receipt_over=pounds(receipt_over),
                    cost_code=cost_code.strip(),
                )
        except IntegrityError:
            raise ValidationError(
                _("There is already a category called “%(name)s”.") % {"name": name}
            ) from None
        change_record(
            actor=actor,
            action="expense_category_added",
            summary=f"{actor.name} added the expense category “{category.name}”",
            subject=category,
            collective=collective,
            after={"name": category.name, "limit": str(category.limit)},
        )
    return category


# Claims


def claim_create(
    *,
    collective: Collective,
    claimant: User,
    participations: Iterable[Participation],
    choice: str = Choice.FEE,
    unpaid_minutes: Mapping[int, int] | None = None,
) -> Claim:
    """A draft claim from the claimant's own involvement entries (nothing to retype).

    Each participation can be claimed once (a unique column in the database); its
    minutes are then locked in the involvement log. `unpaid_minutes` (participation id
    -> minutes) takes out preparation or travel when the policy does not pay for it.
    """
    unpaid_minutes = unpaid_minutes or {}
    with transaction.atomic():
        if not PlaceMembership.objects.of_collective(collective).filter(person=claimant).exists():
            raise PermissionDenied(_("Only members of the collective can claim."))
        policy = access.policy_with_rates(collective)
        ids = [p.pk for p in participations]
        if not ids:
            raise ValidationError(_("Choose at least one activity to claim for."))
        # Locked so nobody changes the minutes while the claim is made.
        locked = list(
            Participation.objects.select_for_update(of=("self",))
            .select_related("entry__place", "claim_line")
            .filter(pk__in=ids)
            .order_by("pk")
        )
        for participation in locked:
            if participation.person_id != claimant.pk:
                raise PermissionDenied(_("You can only claim for your own time."))
            if participation.entry.place.collective_id != collective.pk:
                raise ValidationError(
                    _("Every activity must be in this collective or one of its projects.")
                )
        lines = [_line_for(p, policy, unpaid_minutes.get(p.pk, 0)) for p in locked]
        # A new claim's totals are its lines' fees (no expenses yet): summed here and
        # written with the claim (_totals_refresh does the same sums).
        fees = sum((line.amount for line in lines), ZERO)
        claim = Claim.objects.create(
            collective=collective,
            claimant=claimant,
            choice=choice,
            first_activity_on=min(line.happened_on for line in lines),
            fee_total=ZERO if choice == Choice.DECLINE else fees,
            expense_total=ZERO,
        )
        for line in lines:
            line.claim = claim
        try:
            with transaction.atomic():
                ClaimLine.objects.bulk_create(lines)
        except IntegrityError:
            raise ValidationError(
                _(
                    "You have already claimed for one of these activities. "
                    "Each can be claimed once."
                )
            ) from None
        change_record(
            actor=claimant,
            action="claim_created",
            summary=f"{claimant.name} started claim {claim.reference}",
            subject=claim,
            collective=collective,
            before={"status": "", "total": _pounds(ZERO)},
            after=_claim_snapshot(claim),
        )
    return claim


def _line_for(
    participation: Participation, policy: PaymentPolicy | None, unpaid: int
) -> ClaimLine:
    entry = participation.entry
    rate = policy.rate_on(entry.happened_on) if policy else None
    if rate is None:
        raise ValidationError(
            _(
                "No rates apply to activity on %(day)s, so “%(title)s” cannot be claimed yet. "
                "Ask a coordinator to set the rates."
            )
            % {"day": date_format(entry.happened_on, "j F Y"), "title": entry.title}
        )
    if hasattr(participation, "claim_line"):
        raise ValidationError(
            _("You have already claimed for “%(title)s”.") % {"title": entry.title}
        )
    if not 0 <= unpaid <= participation.minutes:
        raise ValidationError(_("Preparation and travel cannot be more than the time recorded."))
    minutes = participation.minutes - unpaid
    fee = fee_for(minutes, rate.rates, policy.bands)
    return ClaimLine(
        participation=participation,
        title=entry.title,
        happened_on=entry.happened_on,
        minutes=minutes,
        basis=fee.basis,
        rate=fee.rate,
        amount=fee.amount,
    )


def claim_choice_set(*, claim: Claim, actor: User, choice: str) -> Claim:
    """Fee, voucher or no fee, while the claim is a draft or queried."""
    if choice not in Choice.values:
        raise ValidationError(_("Choose how you would like to be paid."))
    with transaction.atomic():
        claim = _claim_for_claimant(claim, actor)
        if claim.choice == choice:
            return claim
        before = _claim_snapshot(claim)
        claim.choice = choice
        _totals_refresh(claim)
        _record(
            claim, actor, "claim_choice_changed", "changed how they would like to be paid", before
        )
    return claim


def claim_expense_add(
    *,
    claim: Claim,
    actor: User,
    category: ExpenseCategory,
    description: str,
    amount: Decimal,
    receipt: UploadedFile | None = None,
) -> Expense:
    """An expense with its receipt, within the category's limit per claim.

    The receipt is written after every check, just before the commit; if the
    transaction is rolled back all the same, the file is deleted, so storage holds no
    receipt without its expense. (Call it outside any other transaction, as views do:
    Django has no hook for a rollback of an outer transaction.)"""
    amount = pounds(amount)
    if amount <= 0:
        raise ValidationError(_("Enter an amount more than £0."))
    receipt_kind = receipt_check(receipt) if receipt else None
    written: list[str] = []
    try:
        with transaction.atomic():
            expense = _expense_add(
                claim, actor, category, description, amount, receipt, receipt_kind, written
            )
    except BaseException:
        # The transaction is rolled back, so the receipt written for it must go too:
        # nothing in storage without its row.
        _receipts_delete(written)
        raise
    return expense


def _expense_add(
    claim: Claim,
    actor: User,
    category: ExpenseCategory,
    description: str,
    amount: Decimal,
    receipt: UploadedFile | None,
    receipt_kind: tuple[str, str] | None,
    written: list[str],
) -> Expense:
    """The checks, then the receipt written as late as possible (its name goes into
    `written` so the caller can delete it if the transaction is rolled back)."""
    claim = _claim_for_claimant(claim, actor)
    if category.policy.collective_id != claim.collective_id:
        raise ValidationError(_("Choose one of this collective’s expense categories."))
    already = claim.expenses.filter(category=category).aggregate(s=Sum("amount"))["s"] or ZERO
    if already + amount > category.limit:
        raise ValidationError(
            _("%(category)s is limited to %(limit)s a claim; this claim already has %(already)s.")
            % {
                "category": category.name,
                "limit": money(category.limit),
                "already": money(already),
            }
            if already
            else _("%(category)s is limited to %(limit)s a claim.")
            % {"category": category.name, "limit": money(category.limit)}
        )
    if receipt is None and category.needs_receipt(amount):
        raise ValidationError(
            _("Add a receipt: %(category)s needs one for amounts over %(amount)s.")
            % {"category": category.name, "amount": money(category.receipt_over)}
        )
    expense = Expense(
        claim=claim,
        category=category,
        description=description.strip(),
        amount=amount,
        uuid_hex=uuid.uuid4().hex,
    )
    if receipt is not None and receipt_kind is not None:
        content_type, extension = receipt_kind
        expense.receipt_type = content_type
        # Through the storage API: local files here, object storage in production.
        expense.receipt.save(f"receipt.{extension}", receipt, save=False)
        written.append(expense.receipt.name)
    expense.save()
    before = _claim_snapshot(claim)
    _totals_refresh(claim)
    _record(
        claim,
        actor,
        "claim_expense_added",
        f"added an expense: {expense.description}, {money(expense.amount)}",
        before,
    )
    return expense


def _receipts_delete(names: Iterable[str]) -> None:
    storage = Expense._meta.get_field("receipt").storage
    for name in names:
        storage.delete(name)


def claim_expense_remove(*, expense: Expense, actor: User) -> None:
    with transaction.atomic():
        claim = _claim_for_claimant(expense.claim, actor)
        before = _claim_snapshot(claim)
        receipt = expense.receipt.name
        description, amount = expense.description, expense.amount
        expense.delete()
        _totals_refresh(claim)
        _record(
            claim,
            actor,
            "claim_expense_removed",
            f"removed an expense: {description}, {money(amount)}",
            before,
        )
        if receipt:
            storage = expense.receipt.storage
            transaction.on_commit(lambda: storage.delete(receipt))


def claim_withdraw(*, claim: Claim, actor: User) -> None:
    """Throw away a draft: its activities can be claimed again."""
    with transaction.atomic():
        claim = _claim_for_claimant(claim, actor)
        if claim.status != Status.DRAFT:
            raise ValidationError(_("Only a draft can be thrown away."))
        change_record(
            actor=actor,
            action="claim_withdrawn",
            summary=f"{actor.name} threw away draft claim {claim.reference}",
            subject=claim,
            collective=claim.collective,
            before=_claim_snapshot(claim),
        )
        receipts = [e.receipt.name for e in claim.expenses.all() if e.receipt]
        storage = Expense._meta.get_field("receipt").storage
        claim.delete()
        transaction.on_commit(lambda: [storage.delete(name) for name in receipts])


def claim_submit(*, claim: Claim, actor: User, now: datetime | None = None) -> Claim:
    """Send a draft to the approvers."""
    with transaction.atomic():
        claim = _claim_for_claimant(claim, actor)
        if claim.status != Status.DRAFT:
            raise ValidationError(_("This claim has already been sent."))
        before = _claim_snapshot(claim)
        claim.status = Status.SUBMITTED
        claim.submitted_at = now or timezone.now()
        claim.save(update_fields=["status", "submitted_at"])
        _record(claim, actor, "claim_submitted", "sent the claim for approval", before)
        # Every approver told at once (one read of their choices, one insert), each in
        # their own language.
        notifications_send_each(
            kind="payment_claim",
            people=[
                approver for approver in approvers_of(claim.collective) if approver.pk != actor.pk
            ],
            context_for=lambda _approver: {
                "subject": _("Claim %(reference)s is waiting for approval")
                % {"reference": claim.reference},
                "message": _("%(name)s sent a claim for %(total)s.")
                % {"name": actor.name, "total": money(claim.total)},
            },
            url=reverse("payments:claim", args=[claim.pk]),
        )
    return claim


def claim_query(*, claim: Claim, actor: User, question: str) -> Claim:
    """An approver asks the claimant something; the claim waits for the answer."""
    question = question.strip()
    if not question:
        raise ValidationError(_("Enter your question."))
    with transaction.atomic():
        claim = _claim_for_approver(claim, actor)
        before = _claim_snapshot(claim)
        claim.status = Status.QUERIED
        claim.save(update_fields=["status"])
        ClaimMessage.objects.create(
            claim=claim, author=actor, kind=MessageKind.QUESTION, text=question
        )
        _record(claim, actor, "claim_queried", "asked a question about the claim", before)
        _tell(
            claim.claimant,
            claim,
            _("A question about your claim %(reference)s") % {"reference": claim.reference},
            question,
        )
    return claim


def claim_answer(*, claim: Claim, actor: User, answer: str) -> Claim:
    """The claimant answers; the claim goes back to the approvers."""
    answer = answer.strip()
    if not answer:
        raise ValidationError(_("Enter your answer."))
    with transaction.atomic():
        claim = _claim_for_claimant(claim, actor)
        if claim.status != Status.QUERIED:
            raise ValidationError(_("There is no question waiting for an answer."))
        before = _claim_snapshot(claim)
        claim.status = Status.SUBMITTED
        claim.save(update_fields=["status"])
        ClaimMessage.objects.create(
            claim=claim, author=actor, kind=MessageKind.ANSWER, text=answer
        )
        _record(claim, actor, "claim_answered", "answered the question", before)
        asked = claim.messages.filter(kind=MessageKind.QUESTION).select_related("author").last()
        if asked and asked.author:
            _tell(
                asked.author,
                claim,
                _("%(name)s answered about claim %(reference)s")
                % {"name": actor.name, "reference": claim.reference},
                answer,
            )
    return claim


def claim_approve(*, claim: Claim, actor: User, now: datetime | None = None) -> Claim:
    with transaction.atomic():
        claim = _claim_for_approver(claim, actor)
        before = _claim_snapshot(claim)
        claim.status = Status.APPROVED
        claim.decided_at = now or timezone.now()
        claim.decided_by = actor
        claim.save(update_fields=["status", "decided_at", "decided_by"])
        _record(claim, actor, "claim_approved", "approved the claim", before)
        _tell(
            claim.claimant,
            claim,
            _("Your claim %(reference)s is approved") % {"reference": claim.reference},
            _("%(total)s will be paid in the next payment batch.") % {"total": money(claim.total)},
        )
    return claim


def claim_reject(*, claim: Claim, actor: User, reason: str, now: datetime | None = None) -> Claim:
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Say why the claim is not approved."))
    with transaction.atomic():
        claim = _claim_for_approver(claim, actor)
        before = _claim_snapshot(claim)
        claim.status = Status.REJECTED
        claim.rejection_reason = reason
        claim.decided_at = now or timezone.now()
        claim.decided_by = actor
        claim.save(update_fields=["status", "rejection_reason", "decided_at", "decided_by"])
        _record(claim, actor, "claim_rejected", f"did not approve the claim: {reason}", before)
        _tell(
            claim.claimant,
            claim,
            _("Your claim %(reference)s is not approved") % {"reference": claim.reference},
            reason,
        )
    return claim


# Finance


def batch_create(*, collective: Collective, actor: User, now: datetime | None = None) -> Batch:
    """Take every approved claim out as one batch. The claims are locked first, so a
    claim goes into one batch only, even when two officers do this at once."""
    if not access.is_finance(actor, collective):
        raise PermissionDenied(_("Only the collective’s finance officers can do this."))
    now = now or timezone.now()
    with transaction.atomic():
        claims = list(
            Claim.objects.select_for_update(of=("self",))
            .filter(collective=collective, status=Status.APPROVED)
            .select_related("claimant")
            .order_by("pk")
        )
        if not claims:
            raise ValidationError(_("There are no approved claims to take out."))
        policy = access.policy_of(collective)
        batch = Batch.objects.create(
            collective=collective, created_by=actor, created_at=now, total=ZERO
        )
        rows = export_rows(claims, policy)
        batch.total = exports.total_of(rows)
        created = timezone.make_naive(now, datetime_utc).replace(microsecond=0)
        batch.csv_file = exports.csv_bytes(batch.reference, rows)
        batch.xlsx_file = exports.xlsx_bytes(batch.reference, rows, created=created)
        batch.save()
        for claim in claims:
            before = _claim_snapshot(claim)
            claim.status = Status.EXPORTED
            claim.batch = batch
            claim.save(update_fields=["status", "batch"])
            _record(
                claim,
                actor,
                "claim_exported",
                f"sent the claim to finance in {batch.reference}",
                before,
            )
        change_record(
            actor=actor,
            action="batch_created",
            summary=f"{actor.name} made payment batch {batch.reference} of {len(claims)} claims",
            subject=batch,
            collective=collective,
            after={"claims": len(claims), "total": str(batch.total)},
        )
    return batch


def export_rows(claims: Iterable[Claim], policy: PaymentPolicy) -> list[exports.Row]:
    """One row per fee or voucher (none when declined) and one per expense."""
    rows: list[exports.Row] = []
    for claim in claims:
        number = 0
        if claim.choice != Choice.DECLINE:
            for line in claim.lines.all():
                number += 1
                rows.append(
                    exports.Row(
                        payee=claim.payee_reference,
                        claim=claim.reference,
                        line=number,
                        kind=claim.choice,
                        description=f"{line.title} ({line.basis_words})",
                        activity_date=line.happened_on.isoformat(),
                        cost_code=policy.fee_cost_code,
                        amount=line.amount,
                    )
                )
        for expense in claim.expenses.select_related("category"):
            number += 1
            rows.append(
                exports.Row(
                    payee=claim.payee_reference,
                    claim=claim.reference,
                    line=number,
                    kind="expense",
                    description=f"{expense.category.name}: {expense.description}",
                    activity_date=claim.first_activity_on.isoformat(),
                    cost_code=expense.category.cost_code,
                    amount=expense.amount,
                )
            )
    return rows


def batch_mark_paid(*, batch: Batch, actor: User, paid_on: date) -> Batch:
    """The finance system has paid: each claimant is told."""
    if not access.is_finance(actor, batch.collective):
        raise PermissionDenied(_("Only the collective’s finance officers can do this."))
    with transaction.atomic():
        batch = Batch.objects.select_for_update().select_related("collective").get(pk=batch.pk)
        if batch.paid_on:
            raise ValidationError(
                _("%(reference)s is already marked paid.") % {"reference": batch.reference}
            )
        if paid_on > timezone.localdate():
            raise ValidationError(_("The date paid cannot be in the future."))
        batch.paid_on = paid_on
        batch.paid_by = actor
        batch.save(update_fields=["paid_on", "paid_by"])
        for claim in batch.claims.select_for_update(of=("self",)).select_related("claimant"):
            before = _claim_snapshot(claim)
            claim.status = Status.PAID
            claim.paid_on = paid_on
            claim.save(update_fields=["status", "paid_on"])
            _record(
                claim,
                actor,
                "claim_paid",
                f"marked the claim paid on {day_words(paid_on)}",
                before,
            )
            _tell(
                claim.claimant,
                claim,
                _("Your claim %(reference)s is paid") % {"reference": claim.reference},
                _("%(total)s was paid on %(day)s.")
                % {"total": money(claim.total), "day": date_format(paid_on, "j F Y")},
            )
        change_record(
            actor=actor,
            action="batch_paid",
            summary=f"{actor.name} marked {batch.reference} paid on {day_words(paid_on)}",
            subject=batch,
            collective=batch.collective,
            after={"paid_on": paid_on.isoformat()},
        )
    return batch


# A person's own year


def yearly_limit_set(*, person: User, amount: Decimal | None) -> None:
    """The amount a person does not want to pass in a tax year (None: no limit)."""
    with transaction.atomic():
        if amount is None:
            YearlyLimit.objects.filter(person=person).delete()
        else:
            YearlyLimit.objects.update_or_create(
                person=person, defaults={"amount": pounds(amount)}
            )


def tax_year_totals(*, person: User, today: date | None = None) -> dict[str, object]:
    """What a person was paid this tax year, and what is on its way."""
    start, end = tax_year_of(today or timezone.localdate())
    # Both sums in one read of the person's claims.
    paid = Q(status=Status.PAID, paid_on__range=(start, end))
    sums = Claim.objects.filter(claimant=person).aggregate(
        paid_fees=Sum("fee_total", filter=paid),
        paid_expenses=Sum("expense_total", filter=paid),
        pending_fees=Sum("fee_total", filter=Q(status__in=PENDING)),
    )
    limit = YearlyLimit.objects.filter(person=person).values_list("amount", flat=True).first()
    return {
        "start": start,
        "end": end,
        "paid_fees": sums["paid_fees"] or ZERO,
        "paid_expenses": sums["paid_expenses"] or ZERO,
        "pending_fees": sums["pending_fees"] or ZERO,
        "limit": limit,
    }


def limit_warning(*, claim: Claim, today: date | None = None) -> str:
    """A warning when sending this claim would take the claimant's fees this tax year
    past the amount they set (expenses are paying back costs, so they do not count)."""
    if claim.claimant is None:
        return ""
    totals = tax_year_totals(person=claim.claimant, today=today)
    limit = totals["limit"]
    if limit is None:
        return ""
    after = totals["paid_fees"] + totals["pending_fees"] + claim.fee_total
    if after <= limit:
        return ""
    return _(
        "With this claim your fees this tax year would be %(after)s, more than the "
        "%(limit)s you said you do not want to pass. You could choose a voucher or no "
        "fee instead, or get advice before you send it."
    ) % {"after": money(after), "limit": money(limit)}


# Small helpers


def approvers_of(collective: Collective) -> list[User]:
    """The collective's coordinators and the members its policy names as approvers.

    Their ids first (a union of two small, indexed reads), then the people: one query
    with OR-ed subqueries made PostgreSQL scan every person and every membership of a
    20,000-member network on each claim sent."""
    members = PlaceMembership.objects.of_collective(collective)
    coordinators = members.coordinators().order_by().values_list("person_id", flat=True)
    named = (
        members.filter(
            person__in=PaymentPolicy.approvers.through.objects.filter(
                paymentpolicy__collective=collective
            ).values("user_id")
        )
        .order_by()
        .values_list("person_id", flat=True)
    )
    ids = set(coordinators.union(named))
    return list(User.objects.filter(pk__in=ids, is_active=True))


def _claim_for_claimant(claim: Claim, actor: User) -> Claim:
    claim = (
        Claim.objects.select_for_update(of=("self",))
        .select_related("collective", "claimant")
        .get(pk=claim.pk)
    )
    if not claim.is_claimant(actor):
        raise PermissionDenied(_("Only the person who made the claim can change it."))
    if not claim.is_open_to_claimant:
        raise ValidationError(_("This claim can no longer be changed."))
    return claim


def _claim_for_approver(claim: Claim, actor: User) -> Claim:
    claim = (
        Claim.objects.select_for_update(of=("self",))
        .select_related("collective", "claimant")
        .get(pk=claim.pk)
    )
    if not access.is_approver(actor, claim.collective):
        raise PermissionDenied(_("Only the collective’s approvers can do this."))
    if claim.is_claimant(actor):
        raise PermissionDenied(_("Nobody approves their own claim: another approver will."))
    if claim.status != Status.SUBMITTED:
        raise ValidationError(
            _(
                "This claim is “%(status)s”, so it cannot be approved, queried or turned down "
                "now. Someone may have just done it."
            )
            % {"status": claim.get_status_display()}
        )
    return claim


def _totals_refresh(claim: Claim) -> None:
    """Totals are sums of rounded lines, never rounded again (money.py)."""
    fees = claim.lines.aggregate(s=Sum("amount"))["s"] or ZERO
    claim.fee_total = ZERO if claim.choice == Choice.DECLINE else fees
    claim.expense_total = claim.expenses.aggregate(s=Sum("amount"))["s"] or ZERO
    claim.save(update_fields=["fee_total", "expense_total", "choice"])


def _pounds(amount: Decimal) -> str:
    """An amount as exact pounds and pence for the history ("4.80", never "4.80000000000000")."""
    return str(Decimal(amount).quantize(Decimal("0.01")))


def _claim_snapshot(claim: Claim) -> dict[str, str]:
    return {
        "status": claim.get_status_display(),
        "choice": claim.get_choice_display(),
        "fee": _pounds(claim.fee_total),
        "expenses": _pounds(claim.expense_total),
        "total": _pounds(claim.total),
    }


def _record(claim: Claim, actor: User, action: str, words: str, before: dict[str, str]) -> None:
    after = _claim_snapshot(claim)
    change_record(
        actor=actor,
        action=action,
        summary=f"{actor.name} {words}"[:300],
        subject=claim,
        collective=claim.collective,
        before={k: v for k, v in before.items() if after[k] != v},
        after={k: v for k, v in after.items() if before[k] != v},
    )


def _tell(person: User | None, claim: Claim, subject: str, message: str) -> None:
    if person is None or not person.is_active:
        return
    notification_send(
        kind="payment_claim",
        person=person,
        context={"subject": subject, "message": message},
        url=reverse("payments:claim", args=[claim.pk]),
    )


def _policy_snapshot(policy: PaymentPolicy) -> dict[str, object]:
    return {
        "hourly_up_to_minutes": policy.hourly_up_to_minutes,
        "half_day_up_to_minutes": policy.half_day_up_to_minutes,
        "counts_preparation": policy.counts_preparation,
        "counts_travel": policy.counts_travel,
        "pay_within_days": policy.pay_within_days,
        "fee_cost_code": policy.fee_cost_code,
        "yearly_warning_amount": str(policy.yearly_warning_amount or ""),
        "notes": policy.notes,
        "approvers": sorted(p.name for p in policy.approvers.all()) if policy.pk else [],
        "finance_officers": sorted(p.name for p in policy.finance_officers.all())
        if policy.pk
        else [],
    }
