"""axe-core (WCAG 2.2 A and AA) on every page a member can reach, filled with data,
and on every form after an empty submission (the error state)."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from levelfield.collectives.tests.factories import (
    CollectiveInvitationFactory,
    CollectiveMembershipFactory,
)
from levelfield.people.models import PerspectiveKind
from levelfield.people.tests.factories import PerspectiveFactory, UserFactory
from levelfield.projects.tests.factories import (
    InvolvementEntryFactory,
    ParticipationFactory,
    ProjectFactory,
    ProjectInvitationFactory,
    ProjectMembershipFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def world() -> dict:
    """A collective with a project, members of several perspectives and some history."""
    member = UserFactory(display_name="Gordon", access_needs="Step-free access")
    PerspectiveFactory(person=member, kind=PerspectiveKind.LIVED_EXPERIENCE)
    teammate = UserFactory(display_name="Amara")
    PerspectiveFactory(person=teammate, kind=PerspectiveKind.RESEARCHER)
    membership = CollectiveMembershipFactory(person=member, is_coordinator=True)
    collective = membership.collective
    CollectiveMembershipFactory(collective=collective, person=teammate)
    project = ProjectFactory(collective=collective, created_by=member)
    ProjectMembershipFactory(project=project, person=member, is_coordinator=True)
    project_membership = ProjectMembershipFactory(project=project, person=teammate)
    entry = InvolvementEntryFactory(project=project, recorded_by=member)
    ParticipationFactory(entry=entry, person=member, minutes=120)
    ParticipationFactory(entry=entry, person=teammate, minutes=90)
    collective_invitation = CollectiveInvitationFactory(collective=collective, invited_by=member)
    project_invitation = ProjectInvitationFactory(project=project, invited_by=member)
    return {
        "member": member,
        "teammate": teammate,
        "collective": collective,
        "project": project,
        "entry": entry,
        "project_membership": project_membership,
        "collective_invitation": collective_invitation,
        "project_invitation": project_invitation,
    }


def member_pages(world: dict) -> list[str]:
    slug = world["collective"].slug
    pk = world["project"].pk
    return [
        reverse("home"),
        reverse("people:profile"),
        reverse("people:profile_edit"),
        reverse("people:person", args=[world["teammate"].pk]),
        reverse("people:my_data"),
        reverse("people:delete_account"),
        reverse("collectives:list"),
        reverse("collectives:create"),
        reverse("collectives:detail", args=[slug]),
        reverse("collectives:settings", args=[slug]),
        reverse("collectives:history", args=[slug]),
        reverse("collectives:leave", args=[slug]),
        reverse("collectives:invite", args=[slug]),
        reverse("collectives:invitations", args=[slug]),
        reverse("collectives:invitation", args=[world["collective_invitation"].token]),
        reverse("projects:list"),
        reverse("projects:create") + f"?collective={slug}",
        reverse("projects:detail", args=[pk]),
        reverse("projects:edit", args=[pk]),
        reverse("projects:history", args=[pk]),
        reverse("projects:members", args=[pk]),
        reverse("projects:leave", args=[pk]),
        reverse("projects:invite", args=[pk]),
        reverse("projects:invitations", args=[pk]),
        reverse("projects:invitation", args=[world["project_invitation"].token]),
        reverse("projects:log", args=[pk]),
        reverse("projects:log_add", args=[pk]),
        reverse("projects:log_entry", args=[pk, world["entry"].pk]),
        reverse("projects:log_edit", args=[pk, world["entry"].pk]),
        reverse("account_email"),
        reverse("account_change_password"),
        reverse("mfa_index"),
        reverse("mfa_activate_totp"),
        "/projects/999999/",
    ]


VISITOR_PAGES = [
    "/",
    "/accounts/login/",
    "/accounts/signup/",
    "/accounts/password/reset/",
    "/accounts/confirm-email/",
    "/collectives/join/no-such-invitation/",
]


def test_every_page_a_visitor_sees_is_accessible(
    live_server: object, page: Page, axe_check: object
) -> None:
    for path in VISITOR_PAGES:
        page.goto(live_server.url + path)
        axe_check(page)


def test_every_page_a_member_sees_is_accessible(
    live_server: object, page: Page, sign_in: object, axe_check: object, world: dict
) -> None:
    sign_in(world["member"])
    for path in member_pages(world):
        page.goto(live_server.url + path)
        expect(page.locator("h1")).to_have_count(1)
        axe_check(page)


def test_every_form_shows_an_accessible_error_summary_when_sent_empty(
    live_server: object, page: Page, sign_in: object, axe_check: object, world: dict
) -> None:
    sign_in(world["member"])
    slug = world["collective"].slug
    pk = world["project"].pk
    for path in [
        reverse("collectives:create"),
        reverse("collectives:invite", args=[slug]),
        reverse("projects:create") + f"?collective={slug}",
        reverse("projects:invite", args=[pk]),
        reverse("projects:log_add", args=[pk]),
        reverse("people:delete_account"),
    ]:
        page.goto(live_server.url + path)
        form = page.locator("form#main-form")
        for field in form.locator("input[type=text], input[type=email], textarea").all():
            field.fill("")
        form.locator("button[type=submit], button:not([type])").first.click()
        summary = page.locator(".govuk-error-summary")
        expect(summary).to_be_visible()
        # Each link in the summary leads to a field on the page.
        for link in summary.locator("a").all():
            target = link.get_attribute("href")
            assert target.startswith("#")
            assert page.locator(target).count() == 1, f"{path}: {target} is not on the page"
        axe_check(page)


def test_a_keyboard_user_skips_to_the_main_content(live_server: object, page: Page) -> None:
    page.goto(live_server.url)
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    page.keyboard.press("Enter")
    assert page.url.endswith("#main-content")
