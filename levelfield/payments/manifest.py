"""What the payments app adds to the whole: see levelfield/lib/manifests.py."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy

from levelfield.lib.manifests import (
    AppManifest,
    EasyReadable,
    Erasure,
    NavigationEntry,
    PersonField,
    Term,
    demo_module,
    scale_module,
)
from levelfield.payments import access, personal
from levelfield.payments.models import PaymentPolicy

GLOSSARY = (
    Term(
        gettext_lazy("Claim"),
        gettext_lazy(
            "Asking to be paid for the time you gave and your expenses, from the involvement log."
            " An approver checks it, then finance pays it."
        ),
    ),
    Term(
        gettext_lazy("Payment policy"),
        gettext_lazy(
            "A collective's rules for paying people: the rates for each kind of activity, the "
            "expenses it covers and who approves claims."
        ),
    ),
    Term(
        gettext_lazy("Approver"),
        gettext_lazy(
            "A member who checks payment claims and approves them, or asks a question about them:"
            " the coordinator, and anyone the payment policy names."
        ),
    ),
    Term(
        gettext_lazy("Finance officer"),
        gettext_lazy(
            "The person who takes approved claims to the organisation that pays them, as a file "
            "its finance system accepts."
        ),
    ),
    Term(
        gettext_lazy("Batch"),
        gettext_lazy("A set of approved claims sent to finance together in one file."),
    ),
    Term(
        gettext_lazy("Voucher"),
        gettext_lazy(
            "A gift voucher instead of a fee, for people who prefer not to be paid in money (for "
            "example because of benefits rules)."
        ),
    ),
    Term(
        gettext_lazy("Recognition letter"),
        gettext_lazy(
            "A letter, made from the involvement log, that says what you did and for how long: "
            "useful for job applications and benefits advisers."
        ),
    ),
)


def may_write_policy(person: Any, policy: PaymentPolicy) -> bool:
    """Whoever may set the payment policy (the coordinator job)."""
    return access.roles.may(person, access.roles.Action.SET_PAYMENT_POLICY, policy.collective)


EASY_READ = (
    EasyReadable(
        model="payments.PaymentPolicy",
        label=gettext_lazy("payment policy"),
        find=access.policy_for_member,
        may_write=may_write_policy,
        source_fields=(
            "hourly_up_to_minutes",
            "half_day_up_to_minutes",
            "counts_preparation",
            "counts_travel",
            "pay_within_days",
            "notes",
        ),
        url=lambda policy: reverse("payments:collective", args=[policy.collective.slug]),
    ),
)


MANIFEST = AppManifest(
    easy_read=EASY_READ,
    label="payments",
    glossary=GLOSSARY,
    export=personal.export,
    erase=personal.erase,
    needs=personal.needs,
    person_fields=(
        PersonField("payments.PaymentPolicy.approvers", "payment_jobs", Erasure.DELETE),
        PersonField("payments.PaymentPolicy.finance_officers", "payment_jobs", Erasure.DELETE),
        PersonField(
            "payments.Claim.claimant",
            "payment_claims",
            Erasure.KEEP,
            (
                "a claim sent to finance is a tax record: kept, with lines, expenses and "
                "receipts, under the payee reference and no name, for 6 years after the end "
                "of the tax year it was paid in, then deleted by "
                "`delete_expired_payment_records`; every other claim is deleted with its "
                "receipts"
            ),
        ),
        PersonField("payments.Claim.decided_by", "claims_you_decided", Erasure.ANONYMISE),
        PersonField("payments.ClaimMessage.author", "messages_on_claims", Erasure.ANONYMISE),
        PersonField(
            "payments.Batch.created_by", "payment_batches_you_made_or_paid", Erasure.ANONYMISE
        ),
        PersonField(
            "payments.Batch.paid_by", "payment_batches_you_made_or_paid", Erasure.ANONYMISE
        ),
        PersonField("payments.YearlyLimit.person", "yearly_payment_limit", Erasure.DELETE),
    ),
    demo=demo_module("levelfield.payments.demo"),
    demo_after=("projects",),
    scale=scale_module("levelfield.payments.scale"),
    scale_after=("projects", "events"),
    navigation=(
        NavigationEntry(
            gettext_lazy("Payments and recognition"),
            "time",
            lambda place: reverse("payments:collective", args=[place.collective.slug]),
            kinds=frozenset({"collective"}),
            hint=gettext_lazy("Claims for time, the payment policy and thank-you letters."),
            order=20,
        ),
    ),
)
