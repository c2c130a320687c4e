"""axe-core (WCAG 2.2 A and AA) on every page of people, collectives, projects,
invitations, accounts and notices, for a visitor and for a member with data, and on
every one of their forms after an empty submission (the error state)."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from levelfield.notifications.services import unsubscribe_token
from tests.browser import worlds
from tests.browser.sweep import send_each_empty, visit_each

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def world() -> dict:
    return worlds.build(worlds.membership_extras)


def member_pages(world: dict) -> list[str]:
    slug = world["collective"].slug
    pk = world["project"].pk
    return [
        reverse("home"),
        reverse("people:profile"),
        reverse("people:profile_edit"),
        reverse("home:person", args=[world["teammate"].pk]),
        reverse("home:my_data"),
        reverse("home:delete_account"),
        reverse("collectives:list"),
        reverse("collectives:create"),
        reverse("collectives:detail", args=[slug]),
        reverse("collectives:settings", args=[slug]),
        reverse("collectives:history", args=[slug]),
        reverse("places:members", args=[world["collective"].places.get(kind="collective").pk]),
        reverse("collectives:leave", args=[slug]),
        reverse("collectives:invite", args=[slug]),
        reverse("collectives:invitations", args=[slug]),
        reverse("collectives:directory"),
        reverse("collectives:ask_to_join", args=[world["listed_collective"].slug]),
        reverse("invitations:join", args=[world["collective_invitation"].token]),
        reverse("projects:list"),
        reverse("projects:create") + f"?collective={slug}",
        reverse("projects:detail", args=[pk]),
        reverse("projects:edit", args=[pk]),
        reverse("projects:history", args=[pk]),
        reverse("places:members", args=[world["project"].place.pk]),
        reverse("places:coordinator_step_down", args=[world["project"].place.pk]),
        reverse("projects:join_request", args=[world["other_project"].pk]),
        reverse("projects:leave", args=[pk]),
        reverse("projects:invite", args=[pk]),
        reverse("projects:invitations", args=[pk]),
        reverse("invitations:join", args=[world["project_invitation"].token]),
        reverse("places:log", args=[world["project"].place.pk]),
        reverse("places:log_add", args=[world["project"].place.pk]),
        reverse("places:log_entry", args=[world["project"].place.pk, world["entry"].pk]),
        reverse("places:log_edit", args=[world["project"].place.pk, world["entry"].pk]),
        reverse("places:log", args=[world["collective"].places.get(kind="collective").pk]),
        reverse("places:group_create", args=[slug]),
        reverse("places:group", args=[world["group"].pk]),
        reverse("places:members", args=[world["group"].pk]),
        reverse("places:group", args=[world["other_group"].pk]),
        reverse("places:group_leave", args=[world["group"].pk]),
        reverse("places:log", args=[world["group"].pk]),
        reverse("places:log_add", args=[world["group"].pk]),
        reverse("account_email"),
        reverse("account_change_password"),
        reverse("mfa_index"),
        reverse("mfa_activate_totp"),
        reverse("notifications:list"),
        reverse("notifications:settings"),
        reverse(
            "notifications:unsubscribe",
            args=[unsubscribe_token(kind="invitation", person=world["member"])],
        ),
        reverse("account_logout"),
        reverse("account_reauthenticate"),
        "/projects/999999/",
    ]


VISITOR_PAGES = [
    "/",
    "/accounts/login/",
    "/accounts/signup/",
    "/accounts/password/reset/",
    "/accounts/confirm-email/",
    "/accounts/confirm-email/not-a-real-key/",
    "/accounts/password/reset/done/",
    "/accounts/password/reset/key/1-not-a-real-key/",
    "/accounts/password/reset/key/done/",
    "/accounts/inactive/",
    "/invitations/no-such-invitation/",
    "/collectives/join/no-such-invitation/",
    "/notifications/unsubscribe/not-a-real-token/",
    "/conversations/join/no-such-link/",
    "/collectives/directory/",
    "/glossary/",
]


def test_every_page_a_visitor_sees_is_accessible(
    live_server: object, page: Page, axe_check: object
) -> None:
    for path in VISITOR_PAGES:
        page.goto(live_server.url + path)
        axe_check(page)


def test_a_keyboard_user_skips_to_the_main_content(live_server: object, page: Page) -> None:
    page.goto(live_server.url)
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    page.keyboard.press("Enter")
    # The jump is the browser's, after the key: wait for it rather than read the address
    # at once (under load the read can come first).
    expect(page).to_have_url(re.compile(r"#main-content$"))


def test_every_page_a_member_sees_is_accessible(
    live_server: object, page: Page, sign_in: object, axe_check: object, world: dict
) -> None:
    sign_in(world["member"])
    visit_each(page, live_server, axe_check, member_pages(world))


def test_every_form_shows_an_accessible_error_summary_when_sent_empty(
    live_server: object, page: Page, sign_in: object, axe_check: object, world: dict
) -> None:
    slug = world["collective"].slug
    pk = world["project"].pk
    paths = [
        reverse("collectives:create"),
        reverse("collectives:invite", args=[slug]),
        reverse("projects:create") + f"?collective={slug}",
        reverse("projects:invite", args=[pk]),
        reverse("places:log_add", args=[world["project"].place.pk]),
        reverse("places:log_add", args=[world["collective"].places.get(kind="collective").pk]),
        reverse("places:group_create", args=[slug]),
        reverse("home:delete_account"),
        reverse("collectives:ask_to_join", args=[world["listed_collective"].slug]),
    ]
    send_each_empty(page, live_server, sign_in, axe_check, [(world["member"], p) for p in paths])


def test_a_coordinator_answers_requests_to_join_on_an_accessible_page(
    live_server: object, page: Page, sign_in: object, axe_check: object, world: dict
) -> None:
    sign_in(world["teammate"])
    visit_each(
        page,
        live_server,
        axe_check,
        [reverse("collectives:join_requests", args=[world["collective"].slug])],
    )
