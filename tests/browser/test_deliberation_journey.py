"""Co-creating principles in a real browser, by keyboard, with axe-core on every page:
a member reacts to ten statements (Tab to a button, Enter), adds one of their own, and
(after the background analysis) reads the report with its opinion map and table."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from levelfield.deliberation import services
from levelfield.deliberation.models import Participant, Reaction
from levelfield.deliberation.synthetic import planted_conversation
from levelfield.people.tests.factories import UserFactory
from levelfield.projects.tests.factories import ProjectFactory, ProjectMembershipFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _others_react(conversation: object) -> None:
    """Forty other people in two planted groups, so the report has groups to show."""
    synthetic = planted_conversation(participants=40, statements=12, groups=2, seed=1)
    statements = list(conversation.statements.order_by("number"))
    people = {
        pid: Participant.objects.create(conversation=conversation, name=f"P{pid}")
        for pid in set(synthetic.participant_ids.tolist())
    }
    Reaction.objects.bulk_create(
        Reaction(
            participant=people[int(p)],
            statement=statements[int(s) - 1],
            vote=int(v),
            reacted_at=conversation.created_at,
        )
        for p, s, v in zip(
            synthetic.participant_ids, synthetic.statement_ids, synthetic.votes, strict=True
        )
    )


def test_a_member_reacts_by_keyboard_adds_a_statement_and_reads_the_report(
    live_server: object, page: Page, sign_in: object, axe_check: object
) -> None:
    project = ProjectFactory(title="Data for research")
    amara = UserFactory(display_name="Amara")
    ProjectMembershipFactory(project=project, person=amara)
    conversation = services.conversation_start(
        started_by=amara,
        place=project.place,
        title="Our data principles",
        prompt="How should patient data be used in research?",
        seeds=[f"Data principle number {n}" for n in range(1, 13)],
    )
    _others_react(conversation)
    sign_in(amara)
    page.goto(f"{live_server.url}/conversations/{conversation.pk}/")
    axe_check(page)
    for reacted in range(1, 11):
        expect(page.get_by_text(f"You have reacted to {reacted - 1} of 12")).to_be_visible()
        agree = page.get_by_role("button", name="Agree", exact=True)
        agree.focus()
        page.keyboard.press("Tab")  # to Disagree
        page.keyboard.press("Enter")
        expect(page.get_by_text("You reacted “Disagree”.")).to_be_visible()
    axe_check(page)
    assert Reaction.objects.filter(participant__person=amara).count() == 10

    page.get_by_role("link", name="Add a statement of your own").click()
    # Wait for the new page before axe reads it (it fails if the page changes under it).
    expect(page.get_by_label("Your statement")).to_be_visible()
    axe_check(page)
    page.get_by_role("button", name="Add the statement").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter a statement.")
    axe_check(page)
    page.get_by_label("Your statement").fill("Every use of data is listed on a public register")
    page.get_by_label("Your statement").press("Tab")
    page.keyboard.press("Enter")
    expect(page.get_by_text("Your statement is now shown to others.")).to_be_visible()

    page.get_by_role("link", name="See the report: opinion groups and consensus").click()
    expect(page.get_by_text("No analysis yet")).to_be_visible()
    axe_check(page)
    services.analysis_run(conversation=conversation)  # as the background worker does
    page.reload()
    expect(page.get_by_role("img", name="Opinion map")).to_be_visible()
    expect(page.get_by_role("table").first).to_contain_text("Group A")
    axe_check(page)
