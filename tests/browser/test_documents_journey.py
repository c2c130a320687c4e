"""Writing a payment policy together in a real browser, with axe-core on every page.

A coordinator opens a draft payment policy for comment; three members comment and one
proposes a change to a paragraph; the author accepts it with a reason and publishes
version 2; the policy is adopted by consent and shown as adopted with its history.
"""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from levelfield.collectives.tests.factories import CollectiveFactory, CollectiveMembershipFactory
from levelfield.decisions import services as decision_services
from levelfield.documents.models import Document
from levelfield.people.tests.factories import UserFactory
from tests.browser.conftest import browser_as

pytestmark = pytest.mark.django_db(transaction=True)

DRAFT = """# Rates

We pay £25 an hour for meetings and reading papers.

# Expenses

We pay travel and care costs within 14 days of a claim."""


def test_a_collective_writes_and_adopts_its_payment_policy(
    live_server: object, page: Page, browser: Browser, sign_in: object, axe_check: object
) -> None:
    collective = CollectiveFactory(name="Riverside Collective", slug="riverside")
    amara = UserFactory(display_name="Amara")
    CollectiveMembershipFactory(collective=collective, person=amara, is_coordinator=True)
    members = [UserFactory(display_name=name) for name in ("Dev", "Maggie", "Tomasz")]
    for person in members:
        CollectiveMembershipFactory(collective=collective, person=person)
    today = timezone.localdate()

    # The coordinator opens the draft for comment.
    sign_in(amara)
    page.goto(f"{live_server.url}/collectives/riverside/")
    page.get_by_role("link", name="Documents written together").click()
    axe_check(page)
    page.get_by_role("button", name="Start a document").click()
    page.get_by_label("Title").fill("Payment policy")
    page.get_by_label("Purpose").fill("How we pay public contributors.")
    page.get_by_label("The draft text").fill(DRAFT)
    page.get_by_label("Questions for readers (optional)").fill("Is anything missing?")
    page.get_by_label("Open for comments from").fill(today.isoformat())
    page.get_by_label("Open for comments until").fill(
        (today + datetime.timedelta(days=14)).isoformat()
    )
    page.get_by_label("Members only").check()
    page.get_by_role("button", name="Start the document").click()
    expect(page.get_by_text("Document started. You hold the pen.")).to_be_visible()
    axe_check(page)
    document = Document.objects.get()
    document_url = page.url

    # Three members comment; Dev also proposes a change (with JavaScript off).
    for person, words in zip(
        members,
        ["£25 is fair.", "Reading papers takes longer than the meeting.", "Agree with Maggie."],
        strict=True,
    ):
        with browser_as(
            browser, live_server, person, javascript=person.display_name != "Dev"
        ) as p:
            p.goto(document_url)
            p.get_by_role("link", name="Comment or propose a change to paragraph 2").click()
            p.get_by_label("Your comment").fill(words)
            p.get_by_role("button", name="Send the comment").click()
            expect(p.get_by_text("Your comment is there for everyone to read.")).to_be_visible()
            if person.display_name == "Dev":
                p.goto(document_url)
                p.get_by_role("link", name="Comment or propose a change to paragraph 4").click()
                p.get_by_label("Your proposed text for this paragraph").fill(
                    "We pay travel and care costs within 7 days of a claim."
                )
                p.get_by_label("Why this change?").fill("Two weeks is too long on a low income.")
                p.get_by_role("button", name="Propose the change").click()
                expect(p.get_by_text("Amendment proposed.")).to_be_visible()
                expect(p.locator("del").first).to_contain_text("14")
                expect(p.locator("ins").first).to_contain_text("7")

    # The document page shows each paragraph's feedback.
    page.goto(document_url)
    expect(page.get_by_text("3 comments, 0 proposed changes")).to_be_visible()
    expect(
        page.get_by_text("0 comments, 1 proposed change (1 waiting for an answer)")
    ).to_be_visible()
    axe_check(page)

    # The author accepts the change with a reason and publishes version 2.
    page.get_by_role("link", name="Comment or propose a change to paragraph 4").click()
    axe_check(page)
    page.get_by_role("link", name="Answer this change proposed by Dev").click()
    axe_check(page)
    page.get_by_label("Accept it for the next version").check()
    page.get_by_label("Your reason, which everyone can read").fill(
        "You said two weeks is too long: finance can pay within 7 days."
    )
    page.get_by_role("button", name="Send the answer").click()
    expect(page.get_by_text("Amendment accepted")).to_be_visible()
    axe_check(page)
    page.goto(document_url)
    page.get_by_role("button", name="Publish a new version").click()
    expect(page.get_by_label("The text of the new version")).to_contain_text("within 7 days")
    axe_check(page)
    page.get_by_label("What changed in this version").fill("Expenses paid within 7 days.")
    page.get_by_role("button", name="Publish the new version").click()
    expect(page.get_by_text("Version 2 published.")).to_be_visible()
    expect(page.get_by_text("You said two weeks is too long")).to_be_visible()
    page.get_by_role("link", name="Compare versions").click()
    expect(page.get_by_text("Paragraph changed", exact=True)).to_be_visible()
    axe_check(page)

    # The policy is adopted by consent.
    page.goto(document_url)
    page.get_by_role("button", name="Ask everyone to adopt it").click()
    axe_check(page)
    page.get_by_label("Consent").check()
    page.get_by_role("button", name="Open the decision").click()
    expect(page.get_by_text("The decision is open.")).to_be_visible()
    document.refresh_from_db()
    decision = document.adoption_decision
    for person in [amara, *members]:
        decision_services.response_submit(
            decision=decision, person=person, payload={"stance": "consent"}
        )
    decision_services.decision_close(
        decision=decision, now=decision.closes_at + datetime.timedelta(minutes=1)
    )
    # Closing adopted it: there is nothing to record by hand.
    page.goto(document_url)
    expect(page.get_by_text("Version 2 was adopted on")).to_be_visible()
    axe_check(page)
    page.get_by_role("link", name="See how it was written: every version and every answer").click()
    expect(page.get_by_text("version 2 was adopted by decision")).to_be_visible()
    axe_check(page)
