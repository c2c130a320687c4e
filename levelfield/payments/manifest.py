"""What the payments app adds to the whole: see levelfield/lib/manifests.py."""

from __future__ import annotations

from levelfield.lib.manifests import AppManifest, demo_module, scale_module

MANIFEST = AppManifest(
    label="payments",
    person_fields=(
        "payments.PaymentPolicy.approvers",
        "payments.PaymentPolicy.finance_officers",
        "payments.Claim.claimant",
        "payments.Claim.decided_by",
        "payments.ClaimMessage.author",
        "payments.Batch.created_by",
        "payments.Batch.paid_by",
        "payments.YearlyLimit.person",
    ),
    demo=demo_module("levelfield.payments.demo"),
    demo_after=("projects",),
    scale=scale_module("levelfield.payments.scale"),
    scale_after=("projects", "events"),
)
