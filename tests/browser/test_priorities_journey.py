"""Setting research priorities together, in a real browser with axe-core on every page.

A member of the public (no account, JavaScript off, so axe runs on these pages in
test_pages_priorities.py instead) sends two questions; the team
groups one with a similar question the text comparison suggested; the interim survey
is answered; a workshop group ranks the shortlist; the top 10 is published and shows on
the public page.
"""

from __future__ import annotations

import uuid

import pytest
from playwright.sync_api import Browser, Page, expect

from levelfield.collectives.tests.factories import CollectiveFactory, CollectiveMembershipFactory
from levelfield.people.tests.factories import UserFactory
from levelfield.priorities import services
from levelfield.priorities.models import Partnership, SummaryQuestion
from tests.browser.conftest import browser_as

pytestmark = pytest.mark.django_db(transaction=True)


def _earlier_questions(partnership: Partnership, amara: object) -> None:
    for perspective, text, summary in [
        (
            "patient",
            "Is starting physiotherapy early after stroke better for walking again?",
            None,
        ),
        ("carer", "Which treatments reduce tiredness and fatigue after a stroke?", "Fatigue?"),
        ("professional", "What prevents shoulder pain in people who have had a stroke?", "Pain?"),
        ("patient", "What helps people return to work after a stroke?", "Work?"),
    ]:
        submission, _ = services.survey_submit(
            partnership=partnership,
            token=uuid.uuid4(),
            perspective=perspective,
            questions=[text],
            consent=True,
        )
        if summary:
            services.summary_create(
                partnership=partnership,
                actor=amara,
                questions=list(submission.questions.all()),
                text=summary,
            )


def test_from_everyones_questions_to_a_published_top_ten(
    live_server: object, page: Page, browser: Browser, sign_in: object, axe_check: object
) -> None:
    collective = CollectiveFactory(name="Stroke Voices", slug="stroke-voices")
    amara = UserFactory(display_name="Amara")
    CollectiveMembershipFactory(collective=collective, person=amara)
    partnership = services.partnership_create(
        collective=collective, actor=amara, title="Life after stroke", scope="Life after stroke."
    )
    _earlier_questions(partnership, amara)
    public = f"{live_server.url}/priorities/take-part/{partnership.survey_token}/"
    team = f"{live_server.url}/priorities/{partnership.pk}/"

    # A member of the public sends two questions, without an account or JavaScript.
    with browser_as(browser, live_server, None, javascript=False) as visitor:
        visitor.goto(public)
        visitor.get_by_role("link", name="Send us your questions").click()
        visitor.get_by_label("Your question").fill(
            "Does early physiotherapy after a stroke improve walking?"
        )
        visitor.get_by_label("Another question (optional)").first.fill(
            "How can carers of stroke survivors be supported with their own mental health?"
        )
        visitor.get_by_label("A carer, family member or friend").check()
        visitor.get_by_label("I agree that my questions may be used").check()
        visitor.get_by_role("button", name="Send my questions").click()
        expect(visitor.get_by_role("heading", name="Thank you")).to_be_visible()

    # The team asks for suggestions and groups the similar pair.
    sign_in(amara)
    page.goto(team)
    axe_check(page)
    page.get_by_role("link", name="Suggested duplicates").click()
    page.get_by_role("button", name="Look for similar questions").click()
    expect(page.get_by_text("Is starting physiotherapy early").first).to_be_visible()
    axe_check(page)
    card = page.locator(".govuk-summary-card", has_text="Is starting physiotherapy")
    card.get_by_role("button", name="Same question: group them").click()
    page.goto(team + "long-list/")
    axe_check(page)
    # The summary starts as the earlier question's words; both originals are kept.
    page.get_by_role("link", name="Is starting physiotherapy early").click()
    expect(page.get_by_text("Does early physiotherapy after a stroke improve")).to_be_visible()
    page.get_by_label("Summary question").fill("Does early physiotherapy help walking again?")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Saved.")).to_be_visible()
    axe_check(page)

    # The interim survey opens and is answered.
    page.goto(team)
    page.get_by_label("Interim priority survey").check()
    page.get_by_role("button", name="Move to this stage").click()
    expect(page.get_by_text("Interim priority survey").first).to_be_visible()
    with browser_as(browser, live_server, None, javascript=False) as visitor:
        visitor.goto(public)
        visitor.get_by_role("link", name="Choose your top 10").click()
        visitor.get_by_label("Does early physiotherapy help walking again?").check()
        visitor.get_by_label("Fatigue?").check()
        visitor.get_by_label("Someone with the condition").check()
        visitor.get_by_role("button", name="Send my choices").click()
        expect(visitor.get_by_role("heading", name="Thank you")).to_be_visible()

    # The shortlist, then a workshop group ranks it.
    page.goto(team + "interim-results/")
    axe_check(page)
    page.get_by_role("button", name="Shortlist the top").click()
    expect(page.get_by_text("questions are on the shortlist")).to_be_visible()
    page.goto(team)
    page.get_by_label("Final workshop").check()
    page.get_by_role("button", name="Move to this stage").click()
    page.goto(team + "workshop/")
    axe_check(page)
    page.get_by_label("Group name").fill("Oak")
    page.get_by_role("button", name="Add the group").click()
    page.get_by_role("link", name="Oak").click()
    axe_check(page)
    shortlisted = list(
        SummaryQuestion.objects.filter(partnership=partnership, shortlisted=True).order_by("pk")
    )
    order = sorted(
        shortlisted, key=lambda s: s.text != "Does early physiotherapy help walking again?"
    )
    for place, summary in enumerate(order, start=1):
        page.get_by_label(summary.text).fill(str(place))
    page.get_by_role("button", name="Save the ranking").click()
    expect(page.get_by_text("Saved Oak’s ranking.")).to_be_visible()
    axe_check(page)
    page.get_by_role("button", name="Publish the top 10 from round 1").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Publish the top 10 from round 1?")
    axe_check(page)
    page.get_by_role("button", name="Yes, publish the top 10").click()
    expect(page.get_by_text("The top 10 is published.")).to_be_visible()
    axe_check(page)

    # The public page shows the priorities, first the grouped question.
    page.goto(public)
    first = page.locator("ol.govuk-list--spaced li").first
    expect(first).to_contain_text("Does early physiotherapy help walking again?")
    expect(first).to_contain_text("from 2 submitted questions")
    axe_check(page)
