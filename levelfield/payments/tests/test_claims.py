"""A contributor claims for a meeting plus a bus fare with a receipt; an approver
queries it; the contributor answers; it is approved, exported and marked paid."""

from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from levelfield.history.models import Change
from levelfield.payments import services
from levelfield.payments.models import Choice, Claim, Status
from levelfield.payments.tests.conftest import PDF, PaymentsWorld
from levelfield.projects import services as project_services

pytestmark = pytest.mark.django_db


def _receipt(data: bytes = PDF, name: str = "bus.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/pdf")


def test_the_whole_journey_from_claim_to_paid(
    payments_world: PaymentsWorld,
    client: object,
    django_capture_on_commit_callbacks: object,
    mailoutbox: list,
) -> None:
    client.force_login(payments_world.contributor)
    response = client.post(
        reverse("payments:claim_new", args=["riverside"]),
        {"participations": [payments_world.meeting.pk], "choice": "fee"},
    )
    claim = Claim.objects.get()
    assert response.status_code == 302
    assert claim.fee_total == Decimal("37.50")  # 1.5 hours at £25
    response = client.post(
        reverse("payments:expense_add", args=[claim.pk]),
        {
            "category": payments_world.travel.pk,
            "description": "Bus there and back",
            "amount": "12.40",
            "receipt": _receipt(),
        },
    )
    assert response.status_code == 302
    client.post(reverse("payments:claim_submit", args=[claim.pk]))
    claim.refresh_from_db()
    assert (claim.status, claim.total) == (Status.SUBMITTED, Decimal("49.90"))

    client.force_login(payments_world.coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("payments:claim_query", args=[claim.pk]), {"question": "Which bus?"})
    assert Claim.objects.get().status == Status.QUERIED
    assert [m.to for m in mailoutbox] == [[payments_world.contributor.email]]
    assert "Which bus?" in mailoutbox[0].body

    client.force_login(payments_world.contributor)
    client.post(reverse("payments:claim_answer", args=[claim.pk]), {"answer": "The number 56."})
    client.force_login(payments_world.coordinator)
    client.post(reverse("payments:claim_approve", args=[claim.pk]))
    assert Claim.objects.get().status == Status.APPROVED

    client.force_login(payments_world.finance)
    confirm = client.get(reverse("payments:batch_make", args=["riverside"])).content.decode()
    assert "Send 1 approved claim to finance in one batch?" in confirm
    assert Claim.objects.get().status == Status.APPROVED
    response = client.post(reverse("payments:batch_make", args=["riverside"]))
    claim.refresh_from_db()
    batch = claim.batch
    assert claim.status == Status.EXPORTED
    first = client.get(reverse("payments:batch_xlsx", args=[batch.pk])).content
    assert first == client.get(reverse("payments:batch_xlsx", args=[batch.pk])).content
    rows = list(
        csv.reader(
            io.StringIO(
                client.get(reverse("payments:batch_csv", args=[batch.pk])).content.decode()
            )
        )
    )
    assert [r[8] for r in rows[1:]] == ["37.50", "12.40", "49.90"]
    assert rows[1][1] == claim.payee_reference and rows[1][2] == claim.reference

    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("payments:batch", args=[batch.pk]), {"paid_on": "2026-10-10"})
    claim.refresh_from_db()
    assert (claim.status, claim.paid_on) == (Status.PAID, date(2026, 10, 10))
    assert [m.to for m in mailoutbox] == [[payments_world.contributor.email]]
    # Every status and amount change is recorded and shown on the claim.
    actions = list(
        Change.objects.filter(subject_type="claim").order_by("id").values_list("action", flat=True)
    )
    assert actions == [
        "claim_created",
        "claim_expense_added",
        "claim_submitted",
        "claim_queried",
        "claim_answered",
        "claim_approved",
        "claim_exported",
        "claim_paid",
    ]
    client.force_login(payments_world.contributor)
    page = client.get(reverse("payments:claim", args=[claim.pk])).content.decode()
    assert "Paid" in page and "The number 56." in page and "£49.90" in page


def test_fees_follow_the_policy_bands(payments_world: PaymentsWorld) -> None:
    claim = services.claim_create(
        collective=payments_world.policy.collective,
        claimant=payments_world.contributor,
        participations=[payments_world.meeting, payments_world.workshop],
    )
    assert [line.amount for line in claim.lines.order_by("minutes")] == [
        Decimal("37.50"),
        Decimal("150.00"),
    ]
    services.claim_choice_set(claim=claim, actor=payments_world.contributor, choice=Choice.DECLINE)
    claim.refresh_from_db()
    assert claim.fee_total == 0


def test_an_activity_is_claimed_once_and_its_hours_are_then_locked(
    payments_world: PaymentsWorld,
) -> None:
    collective = payments_world.policy.collective
    services.claim_create(
        collective=collective,
        claimant=payments_world.contributor,
        participations=[payments_world.meeting],
    )
    with pytest.raises(ValidationError, match="already claimed"):
        services.claim_create(
            collective=collective,
            claimant=payments_world.contributor,
            participations=[payments_world.meeting],
        )
    entry = payments_world.meeting.entry
    with pytest.raises(ValidationError, match="claimed for payment"):
        project_services.involvement_entry_update(
            entry=entry,
            actor=payments_world.contributor,
            title=entry.title,
            happened_on=entry.happened_on,
            stage=entry.stage,
            kind=entry.kind,
            participants={payments_world.contributor: 120},
        )


def test_only_an_approver_changes_your_unclaimed_hours_and_you_are_told(
    payments_world: PaymentsWorld, django_capture_on_commit_callbacks: object, mailoutbox: list
) -> None:
    entry = payments_world.workshop.entry
    values = {
        "entry": entry,
        "title": entry.title,
        "happened_on": entry.happened_on,
        "stage": entry.stage,
        "kind": entry.kind,
    }
    with pytest.raises(ValidationError, match="cannot change Mo’s time"):
        project_services.involvement_entry_update(
            actor=payments_world.member, participants={payments_world.contributor: 240}, **values
        )
    payments_world.workshop.refresh_from_db()
    assert payments_world.workshop.minutes == 300
    with django_capture_on_commit_callbacks(execute=True):
        project_services.involvement_entry_update(
            entry=entry,
            actor=payments_world.coordinator,
            title=entry.title,
            happened_on=entry.happened_on,
            stage=entry.stage,
            kind=entry.kind,
            participants={payments_world.contributor: 240},
        )
    assert [m.to for m in mailoutbox] == [[payments_world.contributor.email]]
    assert "from 5 hours to 4 hours" in mailoutbox[0].body


def test_nobody_approves_their_own_claim(payments_world: PaymentsWorld) -> None:
    ParticipationFactory = __import__(
        "levelfield.projects.tests.factories", fromlist=["ParticipationFactory"]
    ).ParticipationFactory
    own = ParticipationFactory(
        entry=payments_world.meeting.entry, person=payments_world.coordinator, minutes=60
    )
    claim = services.claim_create(
        collective=payments_world.policy.collective,
        claimant=payments_world.coordinator,
        participations=[own],
    )
    services.claim_submit(claim=claim, actor=payments_world.coordinator)
    with pytest.raises(PermissionDenied, match="own claim"):
        services.claim_approve(claim=claim, actor=payments_world.coordinator)
    with pytest.raises(PermissionDenied):
        services.claim_approve(claim=claim, actor=payments_world.member)
    assert Claim.objects.get().status == Status.SUBMITTED


def test_rates_are_never_retroactive(payments_world: PaymentsWorld) -> None:
    collective = payments_world.policy.collective
    with pytest.raises(ValidationError, match="past"):
        services.rate_add(
            collective=collective,
            actor=payments_world.coordinator,
            effective_from=date(2026, 1, 2),
            hourly=Decimal(30),
            half_day=Decimal(90),
            day=Decimal(180),
            today=date(2026, 6, 1),
        )
    services.rate_add(
        collective=collective,
        actor=payments_world.coordinator,
        effective_from=date(2026, 11, 1),
        hourly=Decimal(30),
        half_day=Decimal(90),
        day=Decimal(180),
        today=date(2026, 6, 1),
    )
    # Activity on 1 October 2026 keeps the rate in force then.
    claim = services.claim_create(
        collective=collective,
        claimant=payments_world.contributor,
        participations=[payments_world.meeting],
    )
    assert claim.fee_total == Decimal("37.50")
    with pytest.raises(PermissionDenied):
        services.rate_add(
            collective=collective,
            actor=payments_world.member,
            effective_from=date(2027, 1, 1),
            hourly=Decimal(1),
            half_day=Decimal(1),
            day=Decimal(1),
        )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"MZ\x90\x00 not a receipt", "PDF, JPG or PNG"),
        (b"\x89PNG\r\n\x1a\nbroken", "could not be opened"),
        (b"%PDF-1.4 cut off", "could not be opened"),
    ],
)
def test_bad_receipts_get_a_clear_message_and_nothing_is_saved(
    payments_world: PaymentsWorld, client: object, data: bytes, message: str
) -> None:
    claim = services.claim_create(
        collective=payments_world.policy.collective,
        claimant=payments_world.contributor,
        participations=[payments_world.meeting],
    )
    client.force_login(payments_world.contributor)
    response = client.post(
        reverse("payments:expense_add", args=[claim.pk]),
        {
            "category": payments_world.travel.pk,
            "description": "Bus",
            "amount": "20",
            "receipt": _receipt(data),
        },
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not claim.expenses.exists()


def test_an_oversize_receipt_and_a_missing_one_are_refused(payments_world: PaymentsWorld) -> None:
    claim = services.claim_create(
        collective=payments_world.policy.collective,
        claimant=payments_world.contributor,
        participations=[payments_world.meeting],
    )
    big = _receipt(PDF + b"0" * (10 * 1024 * 1024))
    with pytest.raises(ValidationError, match="10 MB"):
        services.claim_expense_add(
            claim=claim,
            actor=payments_world.contributor,
            category=payments_world.travel,
            description="Bus",
            amount=Decimal(20),
            receipt=big,
        )
    with pytest.raises(ValidationError, match="needs one"):
        services.claim_expense_add(
            claim=claim,
            actor=payments_world.contributor,
            category=payments_world.travel,
            description="Bus",
            amount=Decimal(20),
        )
    with pytest.raises(ValidationError, match="limited to"):
        services.claim_expense_add(
            claim=claim,
            actor=payments_world.contributor,
            category=payments_world.travel,
            description="Taxi",
            amount=Decimal(60),
            receipt=_receipt(),
        )


def test_receipts_go_only_to_the_claimant_approvers_and_finance(
    payments_world: PaymentsWorld, client: object
) -> None:
    claim = services.claim_create(
        collective=payments_world.policy.collective,
        claimant=payments_world.contributor,
        participations=[payments_world.meeting],
    )
    expense = services.claim_expense_add(
        claim=claim,
        actor=payments_world.contributor,
        category=payments_world.travel,
        description="Bus",
        amount=Decimal(20),
        receipt=_receipt(),
    )
    url = reverse("payments:receipt", args=[claim.pk, expense.pk])
    for person, status in [
        (payments_world.contributor, 200),
        (payments_world.coordinator, 200),
        (payments_world.finance, 200),
        (payments_world.member, 404),
        (payments_world.outsider, 404),
    ]:
        client.force_login(person)
        response = client.get(url)
        assert response.status_code == status, person
        if status == 200:
            assert b"".join(response.streaming_content) == PDF
    client.logout()
    assert client.get(url).status_code == 302


def test_a_claim_that_would_pass_the_yearly_amount_warns_first(
    payments_world: PaymentsWorld, client: object
) -> None:
    services.yearly_limit_set(person=payments_world.contributor, amount=Decimal(100))
    claim = services.claim_create(
        collective=payments_world.policy.collective,
        claimant=payments_world.contributor,
        participations=[payments_world.workshop],
    )
    client.force_login(payments_world.contributor)
    page = client.get(reverse("payments:claim_submit", args=[claim.pk])).content.decode()
    assert "more than the £100.00 you said" in page
    assert "independent benefits advice" in page


def test_recognition_letter_and_certificate_are_prepared_as_pdfs(
    payments_world: PaymentsWorld, client: object
) -> None:
    from levelfield.jobs.models import Job
    from levelfield.jobs.testing import prepared

    client.force_login(payments_world.contributor)
    # Opening the old address starts nothing: it goes back to Payments, whose buttons ask.
    assert client.get(reverse("payments:recognition")).url == reverse("payments:home")
    assert not Job.objects.exists()
    for style in ("letter", "certificate"):
        response = prepared(client, reverse("payments:recognition"), {"style": style})
        assert response.content.startswith(b"%PDF")
        assert f'filename="levelfield-{style}.pdf"' in response["Content-Disposition"]


def test_recognition_in_an_unknown_style_is_refused_plainly(
    payments_world: PaymentsWorld, client: object
) -> None:
    from levelfield.jobs.models import Job

    client.force_login(payments_world.contributor)
    response = client.post(reverse("payments:recognition"), {"style": "poster"}, follow=True)
    assert "Choose a letter or a certificate" in response.content.decode()
    assert not Job.objects.exists()


def test_days_to_pay_for_coordinators(payments_world: PaymentsWorld, client: object) -> None:
    client.force_login(payments_world.coordinator)
    assert client.get(reverse("payments:days_to_pay", args=["riverside"])).status_code == 200
    client.force_login(payments_world.contributor)
    assert client.get(reverse("payments:days_to_pay", args=["riverside"])).status_code == 404


def test_a_receipt_written_in_a_transaction_rolled_back_does_not_stay_in_storage(
    payments_world: PaymentsWorld, settings: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    claim = services.claim_create(
        collective=payments_world.policy.collective,
        claimant=payments_world.contributor,
        participations=[payments_world.meeting],
    )

    def fail(*args: object) -> None:
        raise RuntimeError("the database went away after the file was written")

    monkeypatch.setattr(services, "_record", fail)
    with pytest.raises(RuntimeError):
        services.claim_expense_add(
            claim=claim,
            actor=payments_world.contributor,
            category=payments_world.travel,
            description="Bus",
            amount=Decimal(20),
            receipt=_receipt(),
        )
    assert not claim.expenses.exists()
    receipts = Path(settings.MEDIA_ROOT) / "receipts"
    assert not [path for path in receipts.rglob("*") if path.is_file()]

    monkeypatch.undo()
    expense = services.claim_expense_add(
        claim=claim,
        actor=payments_world.contributor,
        category=payments_world.travel,
        description="Bus",
        amount=Decimal(20),
        receipt=_receipt(),
    )
    assert [path.name for path in receipts.rglob("*") if path.is_file()] == [
        expense.receipt.name.rsplit("/", 1)[-1]
    ]


def test_the_claim_form_asks_about_travel_time_when_the_policy_does_not_pay_for_it(
    payments_world: PaymentsWorld, client: object
) -> None:
    url = reverse("payments:claim_new", args=["riverside"])
    client.force_login(payments_world.contributor)
    assert "was travel?" not in client.get(url).content.decode()
    payments_world.policy.counts_travel = False
    payments_world.policy.save()
    page = client.get(url).content.decode()
    assert "How much of the time was travel?" in page
    assert f'id="id_unpaid_{payments_world.meeting.pk}"' in page

    response = client.post(
        url,
        {
            "participations": [payments_world.meeting.pk],
            "choice": "fee",
            f"unpaid_{payments_world.meeting.pk}": "2",
        },
    )
    assert response.status_code == 200
    assert "The travel cannot be more than the time recorded." in response.content.decode()
    assert not Claim.objects.exists()

    client.post(
        url,
        {
            "participations": [payments_world.meeting.pk],
            "choice": "fee",
            f"unpaid_{payments_world.meeting.pk}": "0.5",
            f"unpaid_{payments_world.workshop.pk}": "1",  # not claimed for, so not used
        },
    )
    line = Claim.objects.get().lines.get()
    assert (line.minutes, line.amount) == (60, Decimal("25.00"))  # 1.5 hours less 0.5 travel


def test_signed_in_people_find_payments_in_the_header(
    payments_world: PaymentsWorld, client: object
) -> None:
    link = f'href="{reverse("payments:home")}">Payments</a>'
    assert link not in client.get(reverse("account_login")).content.decode()
    client.force_login(payments_world.member)
    assert link in client.get(reverse("home")).content.decode()


def test_the_claim_history_shows_money_for_people(
    payments_world: PaymentsWorld, client: object
) -> None:
    """A row written before amounts were rounded still reads "£4.80", not 4.80000000000000."""
    client.force_login(payments_world.contributor)
    client.post(
        reverse("payments:claim_new", args=["riverside"]),
        {"participations": [payments_world.meeting.pk], "choice": "fee"},
    )
    claim = Claim.objects.get()
    client.post(
        reverse("payments:expense_add", args=[claim.pk]),
        {
            "category": payments_world.travel.pk,
            "description": "Bus",
            "amount": "4.80",
            "receipt": _receipt(),
        },
    )
    client.post(reverse("payments:claim_submit", args=[claim.pk]))
    Change.objects.filter(subject_id=claim.pk).update(after={"expenses": "4.80000000000000"})
    page = client.get(reverse("payments:claim", args=[claim.pk])).content.decode()
    assert "Expenses: £4.80" in page
    assert "4.80000" not in page


def test_throwing_away_a_draft_asks_to_confirm_first(
    payments_world: PaymentsWorld, client: object
) -> None:
    client.force_login(payments_world.contributor)
    client.post(
        reverse("payments:claim_new", args=["riverside"]),
        {"participations": [payments_world.meeting.pk], "choice": "fee"},
    )
    claim = Claim.objects.get()
    url = reverse("payments:claim_withdraw", args=[claim.pk])
    assert f'href="{url}"' in client.get(claim.get_absolute_url()).content.decode()
    confirm = client.get(url).content.decode()
    assert "Throw away this draft claim?" in confirm and "Yes, throw it away" in confirm
    assert Claim.objects.filter(pk=claim.pk).exists()
    client.post(url)
    assert not Claim.objects.filter(pk=claim.pk).exists()


def test_a_claim_sent_is_waiting_for_the_coordinator_and_the_named_approvers_who_are_members(
    payments_world: PaymentsWorld, world: object
) -> None:
    """The approvers told are the coordinator and members the policy names; someone
    named who has since left the collective is not told (nor is the claimant)."""
    policy = payments_world.policy
    policy.approvers.add(payments_world.finance, world.former, payments_world.contributor)
    assert {person.pk for person in services.approvers_of(policy.collective)} == {
        payments_world.coordinator.pk,
        payments_world.finance.pk,
        payments_world.contributor.pk,
    }
    claim = services.claim_create(
        collective=policy.collective,
        claimant=payments_world.contributor,
        participations=[payments_world.meeting],
    )
    assert (claim.fee_total, claim.expense_total) == (Decimal("37.50"), Decimal("0.00"))
    claim.refresh_from_db()
    assert (claim.fee_total, claim.expense_total) == (Decimal("37.50"), Decimal("0.00"))


def test_the_policy_page_offers_each_member_the_work_their_part_gives_them(
    payments_world: PaymentsWorld, client: object
) -> None:
    """The coordinator approves and sets the days to pay; a member the policy names as an
    approver approves; the finance officer handles approved claims; another member sees
    none of these (and someone named who then left sees no page at all)."""
    url = reverse("payments:collective", args=["riverside"])
    links = {
        "approve": "Claims to approve",
        "finance": "Finance: approved claims and batches",
        "days": "Days to pay",
    }

    def offered(person: object) -> set[str]:
        client.force_login(person)
        page = client.get(url).content.decode()
        return {part for part, words in links.items() if words in page}

    assert offered(payments_world.coordinator) == {"approve", "days"}
    assert offered(payments_world.finance) == {"finance"}
    assert offered(payments_world.contributor) == set()
    payments_world.policy.approvers.add(payments_world.contributor)
    assert offered(payments_world.contributor) == {"approve"}
    payments_world.policy.finance_officers.add(payments_world.coordinator)
    assert offered(payments_world.coordinator) == set(links)
    payments_world.policy.approvers.add(payments_world.outsider)
    client.force_login(payments_world.outsider)
    assert client.get(url).status_code == 404
