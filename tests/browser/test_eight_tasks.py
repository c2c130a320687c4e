"""The eight tasks of a public contributor (issue 21), counted in clicks in a real browser.

Gordon, a stroke survivor and public contributor in the demo, starts each task on his home
page (`/`) after signing in and does it only by clicking what he sees: links and buttons by
their visible names. Dev, another public contributor, comments on a paragraph: Gordon
holds the pen on both drafts open for comments, so the comment task is Dev's.

How clicks are counted (the `Clicks` helper below, a wrapper around Playwright's
`locator.click` and `locator.check`, is the only way the test clicks):

- every click on a link or a button is one click, whether or not it opens a new page;
- choosing a radio option or ticking a checkbox is one click;
- typing text into a box is not a click (a person types, they do not click), and neither
  is moving into the box: Playwright's `fill` focuses it without a click;
- the page a task starts from is the person's home; coming back home between tasks (the
  "Levelfield" link in the header) belongs to no task and is not counted.

Every page a click opens is checked with axe. No task passes through a wasted page: one
where the only thing to do is click onward (each page a task opens and then leaves offers
at least two things to do in its main content, not counting a Back link). The one page
allowed to ask only "go on?" is "Check and send claim": the codebase's rules ask for a
confirmation on its own page before money is sent onward, and it has a Back link as its
other answer. Each task ends by checking its outcome in the database.

| Task                                   | Baseline | Now |
|----------------------------------------|---------:|----:|
| Book the Cuppa                         |        7 |   4 |
| Answer a decision                      |        6 |   4 |
| Answer a check-in (four questions)     |        9 |   6 |
| React in a conversation                |        9 |   4 |
| Claim payment for time (one activity)  |       10 |   5 |
| Find a resource on the resource map    |        6 |   5 |
| Comment on a paragraph of a document   |        8 |   3 |
| Start the course                       |        7 |   3 |

A check-in takes one click per question: the Allies Group's check-in asks the four
questions about working together remotely, so answering it is 1 + 4 + 1. A claim takes one
click per activity ticked: the count is for one activity.
"""

from __future__ import annotations

import re
from io import StringIO

import pytest
from django.core.management import call_command
from playwright.sync_api import Browser, Locator, Page

from levelfield.decisions.models import Decision, Response
from levelfield.deliberation.models import Conversation, Reaction
from levelfield.documents.models import Comment, Document
from levelfield.events.models import Registration, RegistrationStatus
from levelfield.learning.models import Enrolment
from levelfield.payments.models import Claim, Status
from levelfield.people.models import User
from levelfield.reflection.models import CheckInRound, Respondent
from tests.browser.conftest import browser_as

pytestmark = pytest.mark.django_db(transaction=True)

BASELINE = {
    "book the Cuppa": 7,
    "answer a decision": 6,
    "answer a check-in": 9,
    "react in a conversation": 9,
    "claim payment for time": 10,
    "find a resource": 6,
    "comment on a paragraph": 8,
    "start the course": 7,
}

# Everything in the main content a person can do something with, other than going back.
DOING = (
    "main a[href]:not(.govuk-back-link):not(.govuk-breadcrumbs__link), main button,"
    " main input:not([type=hidden]), main textarea, main select, main summary"
)


class Clicks:
    """Counts the clicks of one task: every click and every choice goes through here."""

    def __init__(self, page: Page, axe_check: object) -> None:
        self.page = page
        self.axe_check = axe_check
        self.count = 0
        self.passing_through = False

    def follow(self, target: Locator, *, opens_confirmation: bool = False) -> None:
        """Click a link or a button that opens a page, then check that page with axe. A
        page the task passed through (opened by a click, left by another) must offer more
        than the way onward, unless it is a confirmation the codebase's rules ask for
        (sending money onward), which must offer a way back as well as the way on."""
        if self.passing_through:
            doing = self.page.locator(DOING).count()
            assert doing >= 2, f"{self.page.url} is a wasted page: only one thing to do on it"
        with self.page.expect_navigation():
            target.click()
        self.count += 1
        self.passing_through = not opens_confirmation
        self.axe_check(self.page)
        if opens_confirmation:
            assert self.page.locator("main .govuk-back-link").count() == 1
            assert self.page.locator("main button").count() == 1

    def link(self, name: str | re.Pattern[str], *, opens_confirmation: bool = False) -> None:
        """Follow a link or a button by its visible name (some links look like buttons)."""
        main = self.page.locator("main")
        by_name = main.get_by_role("link", name=name).or_(main.get_by_role("button", name=name))
        self.follow(by_name.first, opens_confirmation=opens_confirmation)

    button = link

    def choose(self, option: Locator) -> None:
        """Choose a radio option or tick a checkbox: one click."""
        option.check()
        self.count += 1


def _go_home(page: Page) -> None:
    """Back to the person's home, where every task starts (not part of any task)."""
    with page.expect_navigation():
        page.locator("header").get_by_role("link", name="Levelfield").first.click()
    assert page.get_by_role("heading", name=re.compile("^Hello")).is_visible()


def _counted(measured: dict[str, int], task: str, clicks: Clicks) -> None:
    measured[task] = clicks.count
    assert clicks.count < BASELINE[task], (
        f"“{task}” took {clicks.count} clicks, not fewer than {BASELINE[task]}"
    )


def test_a_public_contributor_does_eight_tasks_in_fewer_clicks(
    live_server: object, browser: Browser, axe_check: object
) -> None:
    call_command("load_demo", stdout=StringIO())
    gordon = User.objects.get(email="gordon@demo.levelfield.example")
    dev = User.objects.get(email="dev@demo.levelfield.example")
    measured: dict[str, int] = {}

    with browser_as(browser, live_server, gordon) as page:
        page.goto(f"{live_server.url}/")
        axe_check(page)

        # Book the Cuppa: from "Coming up", take a place, say whether to share his
        # access needs (a clear choice, never pre-ticked), take the place.
        clicks = Clicks(page, axe_check)
        clicks.link("Meeting: Co-Pro Cuppa")
        clicks.link("Take a place")
        clicks.choose(page.get_by_label("Yes, share them with the organisers of this event"))
        clicks.button("Take a place")
        assert Registration.objects.filter(
            event__title="Co-Pro Cuppa", person=gordon, status=RegistrationStatus.REGISTERED
        ).exists()
        _counted(measured, "book the Cuppa", clicks)

        # Answer a decision: the first "Have your say" on his home.
        _go_home(page)
        decision = Decision.objects.get(
            title="Pay peer interviewers for travel time as well as interview time"
        )
        assert not Response.objects.filter(decision=decision, person=gordon).exists()
        clicks = Clicks(page, axe_check)
        clicks.link(f"Have your say: {decision.title}")
        clicks.link("Respond")
        clicks.choose(page.get_by_label("Agree", exact=True))
        page.get_by_label("Your reason").fill("Travel is part of the work for people like me.")
        clicks.button("Send my response")
        response = Response.objects.get(decision=decision, person=gordon)
        assert "agree" in str(response.payload)
        _counted(measured, "answer a decision", clicks)

        # Answer a check-in: one answer for each of its four questions, then send.
        _go_home(page)
        checkin = CheckInRound.objects.get(title="Allies Group check-in")
        clicks = Clicks(page, axe_check)
        clicks.link("Check in: Allies Group check-in")
        questions = page.locator("main fieldset").filter(has=page.locator("input[type=radio]"))
        assert questions.count() == 4
        for index in range(questions.count()):
            clicks.choose(questions.nth(index).get_by_label("4: Mostly"))
        clicks.button("Send my answers")
        assert Respondent.objects.filter(round=checkin, person=gordon).exists()
        _counted(measured, "answer a check-in", clicks)

        # React in a conversation: his collective, its conversations, the conversation,
        # then Agree on the statement it shows him.
        _go_home(page)
        conversation = Conversation.objects.get(
            title="Principles for using patient data in research"
        )
        before = Reaction.objects.filter(
            statement__conversation=conversation, participant__person=gordon
        ).count()
        clicks = Clicks(page, axe_check)
        clicks.link("Riverside Co-production Collective")
        clicks.link(re.compile("^Conversations"))
        clicks.link(conversation.title)
        clicks.button("Agree")
        after = Reaction.objects.filter(
            statement__conversation=conversation, participant__person=gordon
        ).count()
        assert after == before + 1
        _counted(measured, "react in a conversation", clicks)

        # Claim payment for time: the claim on his home, one activity, start, check, send.
        _go_home(page)
        clicks = Clicks(page, axe_check)
        clicks.link(re.compile("^Claim for your time"))
        activities = page.get_by_role("group", name="Which activities are you claiming for?")
        clicks.choose(activities.get_by_role("checkbox").first)
        clicks.button("Start the claim")
        clicks.button("Check and send the claim", opens_confirmation=True)
        clicks.button("Send the claim")
        assert Claim.objects.filter(claimant=gordon, status=Status.SUBMITTED).exists()
        _counted(measured, "claim payment for time", clicks)

        # Find a resource: the resource map, its search, and the match he wanted.
        _go_home(page)
        clicks = Clicks(page, axe_check)
        clicks.link("Riverside Co-production Collective")
        clicks.link("Resource map")
        clicks.link("Search the resources")
        page.get_by_label("Search the resources").fill("payment policy")
        clicks.button("Search")
        clicks.link("NIHR public contributor payment policy")
        heading = page.get_by_role("heading", level=1)
        assert heading.inner_text() == "NIHR public contributor payment policy"
        _counted(measured, "find a resource", clicks)

        # Start the course: his collective, its courses, Start.
        _go_home(page)
        clicks = Clicks(page, axe_check)
        clicks.link("Riverside Co-production Collective")
        clicks.link(re.compile("^Courses"))
        clicks.button(re.compile("^Start “"))
        course = "Co-producing research: the basics"
        assert Enrolment.objects.filter(person=gordon, course__title=course).exists()
        _counted(measured, "start the course", clicks)

    with browser_as(browser, live_server, dev) as page:
        page.goto(f"{live_server.url}/")
        axe_check(page)

        # Comment on a paragraph: the draft on his home, a paragraph, write, send.
        document = Document.objects.get(title="Our way of making decisions: a first draft")
        clicks = Clicks(page, axe_check)
        clicks.link(f"Comment on the draft: {document.title}")
        clicks.link("Comment or propose a change to paragraph 2")
        page.get_by_label("Your comment").fill("Say who decides when we cannot agree.")
        clicks.button("Send the comment")
        assert Comment.objects.filter(
            document=document, author=dev, text="Say who decides when we cannot agree."
        ).exists()
        _counted(measured, "comment on a paragraph", clicks)

    assert measured == {
        "book the Cuppa": 4,
        "answer a decision": 4,
        "answer a check-in": 6,
        "react in a conversation": 4,
        "claim payment for time": 5,
        "find a resource": 5,
        "comment on a paragraph": 3,
        "start the course": 3,
    }, f"The counts changed: update the table in the docstring. Now: {measured}"
