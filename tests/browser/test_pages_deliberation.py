"""axe-core (WCAG 2.2 A and AA) on every conversations page, with a moderated
conversation open to anyone with the link (forty people's reactions, analysed into
groups, a statement waiting, draft principles) and one in the collective; the forms
after an empty submission; and a visitor with the link taking part."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from levelfield.deliberation.models import Conversation
from tests.browser import worlds
from tests.browser.sweep import send_each_empty, visit_each

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def world() -> dict:
    return worlds.build(worlds.conversations)


def deliberation_pages(world: dict) -> list[str]:
    """Every conversations page a member can open (the CSV downloads are not pages)."""
    talk: Conversation = world["conversations"]["talk"]
    in_group: Conversation = world["conversations"]["in_group"]
    in_collective: Conversation = world["conversations"]["in_collective"]
    places = [talk.place, in_collective.place, in_group.place]
    return [
        *(reverse("deliberation:place_list", args=[place.pk]) for place in places),
        *(reverse("deliberation:place_create", args=[place.pk]) for place in places),
        reverse("deliberation:detail", args=[in_group.pk]),
        reverse("deliberation:detail", args=[talk.pk]),
        reverse("deliberation:detail", args=[talk.pk])
        + f"?statement={talk.statements.order_by('number').first().pk}",
        reverse("deliberation:detail", args=[world["conversations"]["in_collective"].pk]),
        reverse("deliberation:add", args=[talk.pk]),
        reverse("deliberation:report", args=[talk.pk]),
        reverse("deliberation:report", args=[world["conversations"]["in_collective"].pk]),
        reverse("deliberation:moderate", args=[talk.pk]),
        reverse("deliberation:import", args=[talk.pk]),
        reverse("deliberation:draft", args=[talk.pk]),
    ]


def test_every_conversations_page_a_member_sees_is_accessible(
    live_server: object, page: Page, sign_in: object, axe_check: object, world: dict
) -> None:
    sign_in(world["member"])
    visit_each(page, live_server, axe_check, deliberation_pages(world))


def test_every_conversations_form_shows_an_accessible_error_summary_when_sent_empty(
    live_server: object, page: Page, sign_in: object, axe_check: object, world: dict
) -> None:
    talk = world["conversations"]["talk"]
    paths = [
        reverse("deliberation:place_create", args=[world["project"].place.pk]),
        reverse("deliberation:add", args=[talk.pk]),
        reverse("deliberation:import", args=[talk.pk]),
    ]
    send_each_empty(page, live_server, sign_in, axe_check, [(world["member"], p) for p in paths])


def test_the_conversation_forms_that_need_emptying_show_accessible_errors(
    live_server: object, page: Page, sign_in: object, axe_check: object, world: dict
) -> None:
    """Draft principles with every statement unticked, and the decision on them with no
    number of days."""
    sign_in(world["member"])
    page.goto(
        live_server.url + reverse("deliberation:draft", args=[world["conversations"]["talk"].pk])
    )
    for box in page.locator("form#main-form input[type=checkbox]").all():
        box.uncheck()
    page.get_by_role("button", name="Save the draft").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Choose at least one statement.")
    axe_check(page)
    page.get_by_label("Days the decision stays open").fill("")
    page.get_by_role("button", name="Open a decision on these principles").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter how many days")
    axe_check(page)


def test_a_visitor_with_the_link_takes_part_accessibly(
    live_server: object, page: Page, axe_check: object, world: dict
) -> None:
    """The light sign-in (a name), its error state, then the statements and the add page
    as a visitor."""
    talk = world["conversations"]["talk"]
    page.goto(live_server.url + reverse("deliberation:join", args=[talk.link_token]))
    axe_check(page)
    page.get_by_role("button", name="Take part").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    axe_check(page)
    page.locator("form#main-form input[type=text]").fill("Robin")
    page.get_by_role("button", name="Take part").click()
    expect(page.get_by_role("button", name="Agree", exact=True)).to_be_visible()
    axe_check(page)
    page.get_by_role("button", name="Agree", exact=True).click()
    expect(page.get_by_text("You reacted “Agree”.")).to_be_visible()
    axe_check(page)
    page.goto(live_server.url + reverse("deliberation:add", args=[talk.pk]))
    axe_check(page)
    page.get_by_role("button", name="Add the statement").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter a statement.")
    axe_check(page)
