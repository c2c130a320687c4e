"""Reviews in a real browser, with axe-core on the pages visited.

A researcher from outside the collective sends their involvement plan with a PDF
through the group's form; two group members sign up and review it (their time goes
into the involvement log); one drafts the combined response, the other comments and
agrees, and it is sent; the researcher reads it and reports back what changed; the
group sees it.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from levelfield.collectives.tests.factories import CollectiveFactory, CollectiveMembershipFactory
from levelfield.people.tests.factories import UserFactory
from levelfield.places import services as place_services
from levelfield.projects.models import Participation
from levelfield.reviews import services
from levelfield.reviews.models import ReviewRequest, Status
from tests.browser.conftest import browser_as

pytestmark = pytest.mark.django_db(transaction=True)


def _review(page: Page, base: str, pk: int, minutes: str) -> None:
    page.goto(f"{base}/reviews/requests/{pk}/")
    page.get_by_role("button", name="I will review this").click()
    expect(page.get_by_role("heading", name="Better home care visits")).to_be_visible()
    page.get_by_role("group", name="Is the involvement meaningful?").get_by_label("Partly").check()
    page.get_by_label("Comments on how meaningful it is").fill("Advice only, no decisions.")
    page.get_by_role("group", name="Are people paid fairly for their time?").get_by_label(
        "No", exact=True
    ).check()
    page.get_by_role("group", name="Is the language plain?").get_by_label("Yes").check()
    page.get_by_label("What is missing?").fill("Carers.")
    page.get_by_label("How long did the review take you, in minutes?").fill(minutes)
    page.get_by_role("button", name="Send your review to the group").click()
    expect(page.get_by_text(re.compile("your time is in the involvement log"))).to_be_visible()


def test_a_researcher_asks_two_members_review_and_the_researcher_reports_back(
    live_server: object,
    page: Page,
    browser: Browser,
    sign_in: object,
    axe_check: object,
    tmp_path: Path,
    settings: object,
) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    collective = CollectiveFactory(name="Riverside Collective", slug="riverside")
    cora, amara, ben = (UserFactory(display_name=n) for n in ("Cora", "Amara", "Ben"))
    rita = UserFactory(display_name="Rita")  # a researcher from outside
    CollectiveMembershipFactory(collective=collective, person=cora, is_coordinator=True)
    for person in (amara, ben):
        CollectiveMembershipFactory(collective=collective, person=person)
    group = services.group_set_up(
        collective=collective,
        actor=cora,
        name="Research partners group",
        about="We review plans.",
        form_guidance="Tell us about your plan.",
        report_back_days=60,
    )
    for person in (amara, ben):
        place_services.group_join(group=group.place, person=person)
    base = live_server.url
    plan = tmp_path / "plan.pdf"
    plan.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")

    # The researcher sends a plan through the form.
    sign_in(rita)
    page.goto(f"{base}/reviews/riverside/ask/")
    axe_check(page)
    page.get_by_label("Your project’s title").fill("Better home care visits")
    page.get_by_label("What is the project about?").fill("What makes a home care visit work.")
    page.get_by_label("Funding application").check()
    page.get_by_label("How do you plan to involve").fill("Two carers on the steering group.")
    page.get_by_label("What would you like the group to answer?").fill("Is it meaningful?")
    page.get_by_label("When do you need the response by?").fill("1 1 2099")
    page.get_by_label("Documents (optional)").set_input_files(str(plan))
    page.get_by_role("button", name="Send the request").click()
    expect(page.get_by_text(re.compile("has your request"))).to_be_visible()
    axe_check(page)
    review_request = ReviewRequest.objects.get()

    # Two members review it.
    with browser_as(browser, live_server, amara) as amara_page:
        amara_page.goto(f"{base}/reviews/riverside/")
        expect(amara_page.get_by_role("link", name="Better home care visits")).to_be_visible()
        axe_check(amara_page)
        _review(amara_page, base, review_request.pk, "90")
        with browser_as(browser, live_server, ben) as ben_page:
            _review(ben_page, base, review_request.pk, "60")

            # Amara drafts the combined response; Ben comments and agrees; it is sent.
            amara_page.reload()
            amara_page.get_by_role("button", name="I will draft the response").click()
            axe_check(amara_page)
            amara_page.get_by_label("The group’s response").fill("Please pay people properly.")
            amara_page.get_by_role("button", name="Save and share the draft").click()
            expect(amara_page.get_by_text("Waiting for Ben to agree")).to_be_visible()

            ben_page.goto(f"{base}/reviews/requests/{review_request.pk}/")
            ben_page.get_by_label("Your comment on this draft").fill("Mention travel costs too.")
            ben_page.get_by_role("button", name="Add your comment").click()
            expect(ben_page.get_by_text("Mention travel costs too.")).to_be_visible()
            ben_page.get_by_role("button", name="I agree this version").click()
            expect(ben_page.get_by_text("You agreed this version.")).to_be_visible()
            axe_check(ben_page)

        amara_page.reload()
        amara_page.get_by_role("button", name="Send the response to the researcher").click()
        expect(amara_page.get_by_text("The response is sent to the researcher.")).to_be_visible()
    assert Participation.objects.filter(entry__place=group.place).count() == 2

    # The researcher reads it and reports back.
    page.goto(f"{base}/reviews/requests/{review_request.pk}/")
    expect(page.get_by_text("Please pay people properly.")).to_be_visible()
    expect(page.get_by_text("Advice only, no decisions.")).to_have_count(0)  # reviews stay
    axe_check(page)
    page.get_by_role("link", name="Report back to the group").click()
    page.get_by_role("button", name="Send to the group").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    axe_check(page)
    page.get_by_label("What did you change because").fill("We now pay £25 an hour.")
    page.get_by_label("What did you not change, and why?").fill("The timetable: the funder's.")
    page.get_by_role("button", name="Send to the group").click()
    expect(page.get_by_text("We now pay £25 an hour.")).to_be_visible()
    review_request.refresh_from_db()
    assert review_request.status == Status.REPORTED
