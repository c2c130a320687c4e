"""Paying public contributors: each collective's policy and rates, claims for time and
expenses, receipts, finance batches.

Money is `Decimal` with 2 places in pounds sterling (`money.py` has the one rounding
rule). What a claim says is fixed when it is made (rate, minutes, amounts), so a later
change of rate never changes an earlier claim; every change of status or amount goes
to the history (`services.py`).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy

from levelfield.payments.money import BASIS_WORDS, Bands, Rates

if TYPE_CHECKING:
    from levelfield.people.models import User

MONEY = {"max_digits": 10, "decimal_places": 2, "validators": [MinValueValidator(Decimal(0))]}


class PaymentPolicy(models.Model):
    """A collective's payment and recognition policy, shown to every member before they
    take part. Coordinators change it; the history keeps every change."""

    collective = models.OneToOneField(
        "collectives.Collective", on_delete=models.CASCADE, related_name="payment_policy"
    )
    hourly_up_to_minutes = models.PositiveIntegerField(
        default=120, help_text=gettext_lazy("Time up to this is paid by the hour.")
    )
    half_day_up_to_minutes = models.PositiveIntegerField(
        default=240,
        help_text=gettext_lazy("Time over the hourly limit and up to this is a half day."),
    )
    counts_preparation = models.BooleanField(
        gettext_lazy("preparation time is paid"), default=True
    )
    counts_travel = models.BooleanField(gettext_lazy("travel time is paid"), default=True)
    pay_within_days = models.PositiveSmallIntegerField(
        gettext_lazy("we aim to pay within this many days of a claim"), default=10
    )
    fee_cost_code = models.CharField(gettext_lazy("cost code for fees"), max_length=40, blank=True)
    yearly_warning_amount = models.DecimalField(
        gettext_lazy("amount in a tax year at which we remind people about benefits advice"),
        null=True,
        blank=True,
        **MONEY,
    )
    notes = models.TextField(gettext_lazy("anything else people should know"), blank=True)
    approvers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="+",
        help_text=gettext_lazy("Besides coordinators."),
    )
    finance_officers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "payment policies"
        constraints = [
            models.CheckConstraint(
                condition=Q(half_day_up_to_minutes__gte=models.F("hourly_up_to_minutes")),
                name="payments_bands_in_order",
            )
        ]

    def __str__(self) -> str:
        return f"Payment policy of {self.collective}"

    @property
    def bands(self) -> Bands:
        return Bands(self.hourly_up_to_minutes, self.half_day_up_to_minutes)

    def rate_on(self, day: date) -> Rate | None:
        """The rates in force on `day`: the latest that started on or before it."""
        rates = [rate for rate in self.rates.all() if rate.effective_from <= day]
        return max(rates, key=lambda rate: rate.effective_from, default=None)


class Rate(models.Model):
    """Rates from a date on. A rate applies to activity on or after its date, never
    before: services refuse a rate that starts before today."""

    policy = models.ForeignKey(PaymentPolicy, on_delete=models.CASCADE, related_name="rates")
    effective_from = models.DateField("applies to activity on or after")
    hourly = models.DecimalField("per hour", **MONEY)
    half_day = models.DecimalField("per half day", **MONEY)
    day = models.DecimalField("per day", **MONEY)
    note = models.CharField(
        max_length=200,
        blank=True,
        help_text=gettext_lazy("For example: “Example rates for the demo”."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-effective_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["policy", "effective_from"], name="payments_one_rate_per_date"
            ),
            models.CheckConstraint(
                condition=Q(hourly__gte=0, half_day__gte=0, day__gte=0),
                name="payments_rates_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"Rates from {self.effective_from}"

    @property
    def rates(self) -> Rates:
        return Rates(self.hourly, self.half_day, self.day)


class ExpenseCategory(models.Model):
    """What may be claimed back (travel, carer cover, data, subsistence), up to a limit
    per claim, and when a receipt is needed."""

    policy = models.ForeignKey(
        PaymentPolicy, on_delete=models.CASCADE, related_name="expense_categories"
    )
    name = models.CharField(max_length=80)
    limit = models.DecimalField("most per claim", **MONEY)
    receipt_over = models.DecimalField(
        "receipt needed for amounts over",
        help_text=gettext_lazy("0 means a receipt is always needed."),
        **MONEY,
    )
    cost_code = models.CharField(max_length=40, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "expense categories"
        constraints = [
            models.UniqueConstraint(fields=["policy", "name"], name="payments_category_once"),
        ]

    def __str__(self) -> str:
        return self.name

    def needs_receipt(self, amount: Decimal) -> bool:
        return amount > self.receipt_over


class Status(models.TextChoices):
    DRAFT = "draft", gettext_lazy("Draft")
    SUBMITTED = "submitted", gettext_lazy("Waiting for approval")
    QUERIED = "queried", gettext_lazy("Question for you")
    APPROVED = "approved", gettext_lazy("Approved")
    REJECTED = "rejected", gettext_lazy("Not approved")
    EXPORTED = "exported", gettext_lazy("Sent to finance")
    PAID = "paid", gettext_lazy("Paid")


class Choice(models.TextChoices):
    FEE = "fee", gettext_lazy("A fee paid to me")
    VOUCHER = "voucher", gettext_lazy("A voucher instead of a fee")
    DECLINE = "decline", gettext_lazy("No fee (I decline payment; expenses are still paid)")


class ClaimQuerySet(models.QuerySet):
    def with_people(self) -> ClaimQuerySet:
        return self.select_related("claimant", "collective", "decided_by")


class Claim(models.Model):
    collective = models.ForeignKey(
        "collectives.Collective", on_delete=models.PROTECT, related_name="claims"
    )
    claimant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="payment_claims",
        help_text=gettext_lazy("Empty when the person has since deleted their account."),
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    choice = models.CharField(
        "how you would like to be paid", max_length=20, choices=Choice.choices, default=Choice.FEE
    )
    fee_total = models.DecimalField(default=Decimal("0.00"), **MONEY)
    expense_total = models.DecimalField(default=Decimal("0.00"), **MONEY)
    first_activity_on = models.DateField()
    created_at = models.DateTimeField(auto_now_add=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    rejection_reason = models.TextField(blank=True)
    batch = models.ForeignKey(
        "Batch", null=True, blank=True, on_delete=models.PROTECT, related_name="claims"
    )
    paid_on = models.DateField(null=True, blank=True)
    # When the claimant deletes their account, a claim already sent to finance is kept as
    # a tax record (README, Privacy) under their payee reference, with no name, until:
    kept_payee_reference = models.CharField(max_length=12, blank=True)
    kept_until = models.DateField(null=True, blank=True)

    objects = ClaimQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["collective", "status"]),
            # The approvers' queues, oldest first (approvals): read in order, a page at a
            # time, never sorting a network's thousands of claims.
            models.Index(
                fields=["collective", "status", "submitted_at", "id"],
                name="payments_claim_queue",
            ),
            # "Recently decided" on the same page.
            models.Index(
                fields=["collective", "-decided_at"],
                condition=Q(status__in=["approved", "rejected"]),
                name="payments_claim_decided",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=Status.values), name="payments_claim_status_known"
            ),
            models.CheckConstraint(
                condition=Q(fee_total__gte=0, expense_total__gte=0),
                name="payments_claim_totals_not_negative",
            ),
            models.CheckConstraint(
                condition=~Q(choice="decline") | Q(fee_total=0),
                name="payments_declined_claim_has_no_fee",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["exported", "paid"]) | Q(batch__isnull=False),
                name="payments_exported_claim_in_a_batch",
            ),
            models.CheckConstraint(
                condition=~Q(status="paid") | Q(paid_on__isnull=False),
                name="payments_paid_claim_has_date",
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    def get_absolute_url(self) -> str:
        return reverse("payments:claim", args=[self.pk])

    @property
    def reference(self) -> str:
        return f"C{self.pk:06d}"

    @property
    def payee_reference(self) -> str:
        """The person's reference, which the finance system is set up with; bank details
        stay there, never here."""
        if self.claimant_id:
            return f"P{self.claimant_id:06d}"
        return self.kept_payee_reference or "FORMER"

    @property
    def total(self) -> Decimal:
        return self.fee_total + self.expense_total

    @property
    def is_open_to_claimant(self) -> bool:
        """The claimant may still change it: a draft, or queried by an approver."""
        return self.status in (Status.DRAFT, Status.QUERIED)

    def is_claimant(self, person: User) -> bool:
        return self.claimant_id is not None and self.claimant_id == person.pk


class ClaimLine(models.Model):
    """One involvement entry's time in a claim. A participation is claimed once: the
    one-to-one column is unique in the database, and the time is then locked."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="lines")
    participation = models.OneToOneField(
        "projects.Participation", on_delete=models.PROTECT, related_name="claim_line"
    )
    title = models.CharField(max_length=200)
    happened_on = models.DateField()
    minutes = models.PositiveIntegerField(
        help_text=gettext_lazy("The time paid, as recorded in the log.")
    )
    basis = models.CharField(max_length=20)
    rate = models.DecimalField(**MONEY)
    amount = models.DecimalField(**MONEY)

    class Meta:
        ordering = ["happened_on", "id"]

    def __str__(self) -> str:
        return f"{self.title} ({self.amount})"

    @property
    def basis_words(self) -> str:
        return BASIS_WORDS.get(self.basis, self.basis)


def receipt_path(expense: Expense, filename: str) -> str:
    """Private: never under a public URL; the name carries no personal detail."""
    extension = filename.rsplit(".", 1)[-1].lower()
    return f"receipts/claim-{expense.claim_id}/{expense.uuid_hex}.{extension}"


class Expense(models.Model):
    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="expenses")
    category = models.ForeignKey(ExpenseCategory, on_delete=models.PROTECT, related_name="+")
    description = models.CharField(max_length=200)
    amount = models.DecimalField(**MONEY)
    receipt = models.FileField(upload_to=receipt_path, blank=True, max_length=200)
    receipt_type = models.CharField(max_length=40, blank=True)
    uuid_hex = models.CharField(max_length=32, editable=False)
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["added_at", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="payments_expense_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.description} ({self.amount})"


class MessageKind(models.TextChoices):
    QUESTION = "question", gettext_lazy("Question")
    ANSWER = "answer", gettext_lazy("Answer")


class ClaimMessage(models.Model):
    """A question from an approver and the claimant's answer, kept on the claim."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    kind = models.CharField(max_length=20, choices=MessageKind.choices)
    text = models.TextField()
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return self.text[:60]


class Batch(models.Model):
    """Approved claims taken out for the finance system. Immutable: its files are
    written once, when it is made, and every download sends those same bytes."""

    collective = models.ForeignKey(
        "collectives.Collective", on_delete=models.PROTECT, related_name="payment_batches"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField()
    total = models.DecimalField(**MONEY)
    csv_file = models.BinaryField()
    xlsx_file = models.BinaryField()
    paid_on = models.DateField(null=True, blank=True)
    paid_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name_plural = "batches"

    def __str__(self) -> str:
        return self.reference

    def get_absolute_url(self) -> str:
        return reverse("payments:batch", args=[self.pk])

    @property
    def reference(self) -> str:
        return f"B{self.pk:05d}"


class YearlyLimit(models.Model):
    """An amount a person does not want to pass in a tax year (people on benefits often
    have one); they are warned before a claim would pass it."""

    person = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="yearly_payment_limit"
    )
    amount = models.DecimalField(**MONEY)

    def __str__(self) -> str:
        return f"{self.person}: {self.amount}"
