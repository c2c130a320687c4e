"""Working together between meetings, in a real browser, with axe-core on the key pages
(issue 22's quality bar).

Mo, a public contributor in the Riverside project, is @mentioned in a thread by Cora, a
teammate; he gets the email, follows its link and replies. Cora then asks him to do a
task; he finds it on his home page under "What needs you", marks it done with the time
it took and claims for that time. Separately, Mo walks in to a workshop without booking;
Cora, who organises it, records him as a walk-in, and he claims for the workshop.
"""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from levelfield.events.models import EventKind, WalkIn
from levelfield.events.tests.factories import EventFactory
from levelfield.payments import services as payment_services
from levelfield.payments.models import Claim, ClaimLine, Status
from levelfield.projects.models import Participation
from levelfield.tasks import services as task_services
from levelfield.tasks.models import Status as TaskStatus
from levelfield.tasks.services import TaskValues
from levelfield.threads import services as thread_services
from levelfield.threads.models import Mention, Post
from tests.browser.conftest import browser_as

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def rates(world) -> None:  # noqa: ANN001
    """An hourly rate in the collective, so time can be claimed."""
    start = timezone.localdate() - datetime.timedelta(days=365)
    payment_services.rate_add(
        collective=world.collective,
        actor=world.coordinator,
        effective_from=start,
        hourly=Decimal(25),
        half_day=Decimal(75),
        day=Decimal(150),
        note="Example rates",
        today=start,
    )


def _claim_from_payments(page: Page, axe_check: object, world, activity: str) -> Claim:  # noqa: ANN001
    """From any page: Payments in the header, the collective's payments, the claim form;
    claim a fee for the one activity named `activity` and send the claim."""
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Payments").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your payments")
    axe_check(page)
    page.get_by_role("link", name=f"Payments in {world.collective.name}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Payments and recognition")
    expect(page.get_by_role("row", name=re.compile(f"^{re.escape(activity)}"))).to_be_visible()
    axe_check(page)
    page.get_by_role("button", name="Claim for your time").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Claim for your time")
    axe_check(page)
    page.get_by_label(re.compile(f"^{re.escape(activity)}, ")).check()
    page.get_by_label("A fee paid to me").check()
    page.get_by_role("button", name="Start the claim").click()
    claim = Claim.objects.get(claimant=world.member)
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Claim {claim.reference}")
    axe_check(page)
    page.get_by_role("button", name="Check and send the claim").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Check and send claim {claim.reference}"
    )
    axe_check(page)
    page.get_by_role("button", name="Send the claim").click()
    expect(page.get_by_text("Your claim is sent for approval.")).to_be_visible()
    status = page.locator(".govuk-summary-list__row", has_text="Status").locator("dd")
    expect(status).to_have_text("Waiting for approval")
    axe_check(page)
    claim.refresh_from_db()
    assert claim.status == Status.SUBMITTED
    return claim


def test_a_contributor_is_mentioned_replies_from_the_email_does_a_task_and_claims(
    live_server: object, page: Page, sign_in: object, axe_check: object, world, rates: None
) -> None:  # noqa: ANN001
    place = world.project_place
    mo, cora = world.member, world.coordinator

    # Cora starts a thread and, in a reply, asks Mo by name. The email goes after commit.
    thread = thread_services.thread_start(
        place=place,
        author=cora,
        title="Which findings go in the newsletter?",
        body="We have room for three findings in the spring newsletter.",
    )
    mail.outbox.clear()
    mention = thread_services.post_reply(
        thread=thread, author=cora, body="@Mo what do you think people most need to hear?"
    )
    assert Mention.objects.filter(post=mention, person=mo).exists()
    [email] = [m for m in mail.outbox if m.to == [mo.email]]
    assert "Cora mentioned you" in email.subject
    assert "what do you think people most need to hear?" in email.body

    # Mo, signed in, opens the link in the email and replies from that page.
    link = re.search(r"http\S+/threads/\S+", email.body).group(0)
    sign_in(mo)
    page.goto(link.replace("http://127.0.0.1:8000", live_server.url))
    expect(page.get_by_role("heading", level=1)).to_have_text(thread.title)
    expect(page.get_by_text("what do you think people most need to hear?")).to_be_visible()
    axe_check(page)
    reply = "That they can still take part, however long ago the stroke was."
    page.get_by_label("Your reply", exact=True).fill(reply)
    page.locator("#main-form").get_by_role("button", name="Post the reply").click()
    expect(page.get_by_text(reply)).to_be_visible()
    axe_check(page)
    assert Post.objects.filter(thread=thread, author=mo, body=reply).exists()

    # Cora asks Mo to do a task; it is on his home page under "What needs you".
    title = "Draft the newsletter paragraph on taking part"
    task = task_services.task_create(
        place=place,
        actor=cora,
        values=TaskValues(
            title=title, owner=mo, due_on=timezone.localdate() + datetime.timedelta(days=3)
        ),
    )
    page.goto(live_server.url + "/")
    needs = page.locator("#what-needs-you")
    expect(needs.get_by_role("link", name=f"Your task: {title}")).to_be_visible()
    axe_check(page)
    needs.get_by_role("link", name=f"Your task: {title}").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(title)
    axe_check(page)

    # He marks it done with the time it took: 1 hour 30 minutes.
    page.get_by_role("button", name="Mark it done").click()
    axe_check(page)
    page.get_by_label("Hours").fill("1")
    page.get_by_label("Minutes").fill("30")
    page.get_by_role("button", name="Mark it done").click()
    expect(page.get_by_text("you can claim for it from Payments")).to_be_visible()
    axe_check(page)
    task.refresh_from_db()
    assert (task.status, task.done_by) == (TaskStatus.DONE, mo)
    participation = Participation.objects.get(person=mo, entry=task.involvement_entry)
    assert participation.minutes == 90

    # And claims for that time, from Payments in the header.
    claim = _claim_from_payments(page, axe_check, world, f"Task: {title}")
    [line] = ClaimLine.objects.filter(claim=claim)
    assert (line.participation_id, line.minutes) == (participation.pk, 90)


def test_a_walk_in_at_a_workshop_claims_for_it(
    live_server: object,
    page: Page,
    browser: Browser,
    sign_in: object,
    axe_check: object,
    world,  # noqa: ANN001
    rates: None,
) -> None:
    mo, cora = world.member, world.coordinator
    now = timezone.now()
    workshop = EventFactory(
        place=world.project_place,
        title="Making the leaflet readable",
        kind=EventKind.WORKSHOP,
        starts_at=now - datetime.timedelta(days=2, hours=3),
        ends_at=now - datetime.timedelta(days=2, hours=1),
        created_by=cora,
    )

    # Cora, who organises it, records that Mo came without booking.
    with browser_as(browser, live_server, cora) as cora_page:
        cora_page.goto(f"{live_server.url}/events/{workshop.pk}/")
        cora_page.get_by_role("link", name="Add someone who came without booking").click()
        expect(cora_page.get_by_role("heading", level=1)).to_have_text(
            "People who came without booking"
        )
        axe_check(cora_page)
        cora_page.get_by_label("A member", exact=True).check()
        cora_page.get_by_label("The member").select_option(label="Mo")
        cora_page.get_by_role("button", name="Record that they came").click()
        expect(cora_page.get_by_text("Mo is recorded as coming.")).to_be_visible()
        axe_check(cora_page)
    walk_in = WalkIn.objects.get(event=workshop, person=mo)
    participation = walk_in.participation
    assert participation is not None and participation.person == mo
    assert participation.minutes == 120

    # Mo signs in, finds the workshop among what he can claim, and claims it.
    sign_in(mo)
    page.goto(f"{live_server.url}/events/{workshop.pk}/")
    expect(page.get_by_text("recorded that you came without booking")).to_be_visible()
    axe_check(page)
    claim = _claim_from_payments(page, axe_check, world, workshop.title)
    [line] = ClaimLine.objects.filter(claim=claim)
    assert (line.participation_id, line.minutes) == (participation.pk, 120)
