"""axe-core (WCAG 2.2 A and AA) on every events page a member, an organiser and a
visitor opens (pages listed in levelfield/events/tests/pages.py), and the events forms
after an empty submission, the guest form with no account."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from levelfield.events.tests.pages import event_forms, event_member_pages, event_visitor_pages
from tests.browser import worlds
from tests.browser.sweep import send_each_empty, visit_each

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def world() -> dict:
    return worlds.build(worlds.events)


def test_every_events_page_a_visitor_sees_is_accessible(
    live_server: object, page: Page, axe_check: object, world: dict
) -> None:
    visit_each(page, live_server, axe_check, event_visitor_pages(world))
    # The guest form's error state, with no account.
    page.goto(live_server.url + event_visitor_pages(world)[0])
    page.locator("form#main-form button").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    axe_check(page)


def test_every_events_page_and_form_a_member_sees_is_accessible(
    live_server: object, page: Page, sign_in: object, axe_check: object, world: dict
) -> None:
    sign_in(world["member"])
    visit_each(page, live_server, axe_check, event_member_pages(world))
    forms = [(world["member"], path) for path in event_forms(world)]
    send_each_empty(page, live_server, sign_in, axe_check, forms)
