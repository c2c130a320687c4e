"""Paying a public contributor in a real browser, with axe-core on every page visited.

Gordon claims for an advisory meeting plus a bus fare with a receipt; Amara, who
coordinates the collective and so approves claims, asks him a question; he answers;
she approves it; Fin, the finance officer, takes it out in a batch and marks it paid;
Gordon sees it paid and downloads a recognition letter.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from levelfield.collectives.tests.factories import CollectiveFactory, CollectiveMembershipFactory
from levelfield.history.models import Change
from levelfield.payments import services
from levelfield.payments.models import Claim, Status
from levelfield.people.tests.factories import UserFactory
from levelfield.projects.tests.factories import (
    InvolvementEntryFactory,
    ParticipationFactory,
    ProjectFactory,
    ProjectMembershipFactory,
)
from tests.browser.conftest import browser_as

pytestmark = pytest.mark.django_db(transaction=True)

RECEIPT = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _status(page: Page, words: str) -> None:
    row = page.locator(".govuk-summary-list__row", has_text="Status")
    expect(row.locator("dd")).to_have_text(words)


def test_a_contributor_claims_is_queried_answers_and_is_paid(
    live_server: object,
    page: Page,
    browser: Browser,
    sign_in: object,
    axe_check: object,
    settings: object,
    tmp_path: Path,
) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    collective = CollectiveFactory(name="Stroke Voices", slug="stroke-voices")
    gordon, amara, fin = (UserFactory(display_name=name) for name in ("Gordon", "Amara", "Fin"))
    for person in (gordon, amara, fin):
        CollectiveMembershipFactory(
            collective=collective, person=person, is_coordinator=person == amara
        )
    project = ProjectFactory(collective=collective, title="Life after stroke", created_by=amara)
    for person in (gordon, amara):
        ProjectMembershipFactory(project=project, person=person)
    entry = InvolvementEntryFactory(
        project=project, title="Advisory meeting", happened_on=date(2026, 10, 1)
    )
    ParticipationFactory(entry=entry, person=gordon, minutes=90)
    services.policy_update(collective=collective, actor=amara, finance_officers=[fin])
    services.rate_add(
        collective=collective,
        actor=amara,
        effective_from=date(2026, 1, 1),
        hourly=Decimal(25),
        half_day=Decimal(75),
        day=Decimal(150),
        note="Example rates",
        today=date(2026, 1, 1),
    )
    services.category_add(
        collective=collective,
        actor=amara,
        name="Travel",
        limit=Decimal(50),
        receipt_over=Decimal(0),
        cost_code="PPI-TRAVEL",
    )

    # Gordon finds payments in the header, reads the policy and what he would be paid.
    sign_in(gordon)
    page.goto(live_server.url + "/")
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Payments").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your payments")
    axe_check(page)
    page.get_by_role("link", name="Payments in Stroke Voices").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Payments and recognition")
    expect(page.get_by_role("row", name=re.compile("^Advisory meeting"))).to_contain_text("£37.50")
    axe_check(page)

    # He claims for the meeting from the log: nothing to retype.
    page.get_by_role("button", name="Claim for your time").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Claim for your time")
    axe_check(page)
    page.get_by_label(re.compile("^Advisory meeting, Life after stroke")).check()
    page.get_by_label("A fee paid to me").check()
    page.get_by_role("button", name="Start the claim").click()
    claim = Claim.objects.get()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Claim {claim.reference}")
    _status(page, "Draft")
    axe_check(page)

    # Plus the bus fare, with its receipt.
    page.get_by_role("button", name="Add an expense").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Add an expense")
    axe_check(page)
    page.get_by_label("What is it for?").select_option(label="Travel")
    page.get_by_label("Description").fill("Bus from Headingley and back")
    page.get_by_label("Amount (£)").fill("4.80")
    page.get_by_label(re.compile("^Receipt")).set_input_files(
        {"name": "bus-ticket.pdf", "mimeType": "application/pdf", "buffer": RECEIPT}
    )
    page.get_by_role("button", name="Add expense").click()
    expect(page.get_by_text("The expense is added to your claim.")).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("^Download receipt"))).to_be_visible()
    total = page.locator(".govuk-summary-list__row", has_text="Total").locator("dd")
    expect(total).to_have_text("£42.30")
    page.get_by_role("button", name="Check and send the claim").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Check and send claim {claim.reference}"
    )
    axe_check(page)
    page.get_by_role("button", name="Send the claim").click()
    expect(page.get_by_text("Your claim is sent for approval.")).to_be_visible()
    _status(page, "Waiting for approval")
    claim_url = page.url

    # Amara finds it in her queue and asks a question.
    with browser_as(browser, live_server, amara) as amara_page:
        amara_page.goto(f"{live_server.url}/payments/stroke-voices/approvals/")
        expect(amara_page.get_by_role("heading", level=1)).to_have_text("Claims to approve")
        axe_check(amara_page)
        amara_page.get_by_role("link", name=claim.reference).first.click()
        expect(amara_page.get_by_role("heading", level=1)).to_have_text(f"Claim {claim.reference}")
        axe_check(amara_page)
        with amara_page.expect_download() as receipt:
            amara_page.get_by_role("link", name=re.compile("^Download receipt")).click()
        assert Path(receipt.value.path()).read_bytes() == RECEIPT
        amara_page.get_by_label("Your question").fill("Which bus did you take?")
        amara_page.get_by_role("button", name="Ask the claimant").click()
        expect(amara_page.get_by_text("Your question is sent.")).to_be_visible()
        _status(amara_page, "Question for you")

    # Gordon answers on the claim.
    page.goto(claim_url)
    expect(page.get_by_text("Which bus did you take?")).to_be_visible()
    _status(page, "Question for you")
    axe_check(page)
    page.get_by_label("Your answer").fill("The number 56, both ways.")
    page.get_by_role("button", name="Send your answer").click()
    expect(page.get_by_text("Your answer is sent.")).to_be_visible()
    _status(page, "Waiting for approval")
    axe_check(page)

    # Amara approves it.
    with browser_as(browser, live_server, amara) as amara_page:
        amara_page.goto(claim_url)
        expect(amara_page.get_by_text("The number 56, both ways.")).to_be_visible()
        amara_page.get_by_role("button", name="Approve £42.30").click()
        expect(amara_page.get_by_text("The claim is approved.")).to_be_visible()
        _status(amara_page, "Approved")
        axe_check(amara_page)

    # Fin takes it out for the finance system and, once paid, marks it paid.
    with browser_as(browser, live_server, fin) as fin_page:
        fin_page.goto(f"{live_server.url}/payments/stroke-voices/finance/")
        axe_check(fin_page)
        fin_page.get_by_role("button", name="Make a batch of these claims").click()
        # Claims go to the finance system only after a second, deliberate step.
        heading = fin_page.get_by_role("heading", level=1)
        expect(heading).to_contain_text("to finance in one batch?")
        axe_check(fin_page)
        fin_page.get_by_role("button", name="Yes, make the batch").click()
        expect(fin_page.get_by_role("heading", level=1)).to_have_text(re.compile("^Batch B"))
        axe_check(fin_page)
        with fin_page.expect_download() as download:
            fin_page.get_by_role("link", name=re.compile("as CSV$")).click()
        rows = list(csv.reader(io.StringIO(Path(download.value.path()).read_text())))
        assert [row[8] for row in rows[1:]] == ["37.50", "4.80", "42.30"]
        assert rows[1][2] == claim.reference
        today = timezone.localdate()
        fin_page.get_by_label("Date paid").fill(today.isoformat())
        fin_page.get_by_role("button", name="Mark as paid and tell the claimants").click()
        expect(fin_page.get_by_text("The claimants are told.")).to_be_visible()
        axe_check(fin_page)

    # Gordon sees it paid, this tax year, and downloads a recognition letter.
    page.goto(f"{live_server.url}/payments/")
    row = page.get_by_role("row", name=re.compile(f"^{claim.reference}"))
    expect(row).to_contain_text("Paid")
    expect(row).to_contain_text("£42.30")
    paid = page.locator(".govuk-summary-list__row", has_text="Fees paid to you").locator("dd")
    expect(paid).to_have_text("£37.50")
    axe_check(page)
    # The letter is prepared in the background and its page says when it is ready. The
    # first PDF of a process imports WeasyPrint and its fonts: seconds on a busy machine,
    # so this one wait is longer than the usual ten.
    page.get_by_role("button", name="Prepare your recognition letter (PDF)").click()
    expect(page.get_by_text("It is ready.")).to_be_visible(timeout=60_000)
    axe_check(page)
    with page.expect_download() as letter:
        page.get_by_role("link", name=re.compile(r"^Download levelfield-letter\.pdf")).click()
    assert Path(letter.value.path()).read_bytes().startswith(b"%PDF")
    page.goto(claim_url)
    _status(page, "Paid")
    axe_check(page)

    claim.refresh_from_db()
    assert (claim.status, claim.total, claim.paid_on) == (Status.PAID, Decimal("42.30"), today)
    assert list(
        Change.objects.filter(subject_type="claim").order_by("id").values_list("action", flat=True)
    ) == [
        "claim_created",
        "claim_expense_added",
        "claim_submitted",
        "claim_queried",
        "claim_answered",
        "claim_approved",
        "claim_exported",
        "claim_paid",
    ]
