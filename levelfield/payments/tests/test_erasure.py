"""When a claimant deletes their account: what was sent to finance is kept as a tax
record, with no name, for six years after its tax year; everything else goes now."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from io import StringIO
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from levelfield.home.services import person_delete
from levelfield.payments import services
from levelfield.payments.models import Claim, ClaimLine, Expense, Status
from levelfield.payments.personal import kept_until
from levelfield.payments.tests.conftest import PDF, PaymentsWorld


def _claim_with_receipt(payments_world: PaymentsWorld, participation: object) -> Claim:
    claim = services.claim_create(
        collective=payments_world.policy.collective,
        claimant=payments_world.contributor,
        participations=[participation],
    )
    services.claim_expense_add(
        claim=claim,
        actor=payments_world.contributor,
        category=payments_world.travel,
        description="Bus fare",
        amount=Decimal("3.20"),
        receipt=SimpleUploadedFile("bus.pdf", PDF, content_type="application/pdf"),
    )
    return claim


def _receipt_files(settings: object) -> list[str]:
    receipts = Path(settings.MEDIA_ROOT) / "receipts"
    return sorted(path.name for path in receipts.rglob("*") if path.is_file())


def test_a_paid_claim_is_kept_without_a_name_and_a_draft_goes_with_its_receipt(
    payments_world: PaymentsWorld, settings: object, django_capture_on_commit_callbacks: object
) -> None:
    paid = _claim_with_receipt(payments_world, payments_world.meeting)
    services.claim_submit(claim=paid, actor=payments_world.contributor)
    services.claim_approve(claim=paid, actor=payments_world.coordinator)
    batch = services.batch_create(
        collective=payments_world.policy.collective, actor=payments_world.finance
    )
    services.batch_mark_paid(batch=batch, actor=payments_world.finance, paid_on=date(2026, 10, 10))
    draft = _claim_with_receipt(payments_world, payments_world.workshop)
    reference = f"P{payments_world.contributor.pk:06d}"
    assert len(_receipt_files(settings)) == 2

    with django_capture_on_commit_callbacks(execute=True):
        person_delete(person=payments_world.contributor)

    kept = Claim.objects.get()
    assert kept.pk == paid.pk and kept.claimant is None
    assert (kept.payee_reference, kept.kept_until) == (reference, date(2033, 4, 5))
    assert Expense.objects.filter(claim=kept).count() == 1
    assert not Claim.objects.filter(pk=draft.pk).exists()
    assert not ClaimLine.objects.filter(claim_id=draft.pk).exists()
    assert len(_receipt_files(settings)) == 1  # the draft's receipt is gone


def test_tax_records_are_kept_to_six_years_after_the_tax_year_they_were_paid_in() -> None:
    assert kept_until(Claim(status=Status.PAID, paid_on=date(2026, 4, 5))) == date(2032, 4, 5)
    assert kept_until(Claim(status=Status.PAID, paid_on=date(2026, 4, 6))) == date(2033, 4, 5)


def test_the_daily_command_deletes_kept_records_once_their_time_is_up(
    payments_world: PaymentsWorld, settings: object, django_capture_on_commit_callbacks: object
) -> None:
    claim = _claim_with_receipt(payments_world, payments_world.meeting)
    services.claim_submit(claim=claim, actor=payments_world.contributor)
    services.claim_approve(claim=claim, actor=payments_world.coordinator)
    services.batch_create(
        collective=payments_world.policy.collective, actor=payments_world.finance
    )
    with django_capture_on_commit_callbacks(execute=True):
        person_delete(person=payments_world.contributor)
    claim.refresh_from_db()
    out = StringIO()

    call_command("delete_expired_payment_records", stdout=out)
    assert Claim.objects.filter(pk=claim.pk).exists()  # not yet due

    Claim.objects.filter(pk=claim.pk).update(kept_until=date(2020, 4, 5))
    with django_capture_on_commit_callbacks(execute=True):
        call_command("delete_expired_payment_records", stdout=out)
        call_command("delete_expired_payment_records", stdout=out)  # twice: nothing more

    assert not Claim.objects.filter(pk=claim.pk).exists()
    assert _receipt_files(settings) == []
    assert "Deleted 1 payment records" in out.getvalue()
