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


def _meeting_record(world: dict) -> list[str]:
    """Last month's meeting with its record: a file, a member and a guest who walked in,
    draft minutes with a comment and a breakout group's themes. Returns its pages."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    from levelfield.events import services
    from levelfield.events.demo import tiny_pdf

    past, member = world["events"]["past"], world["member"]
    material = services.material_add(
        event=past,
        actor=member,
        upload=SimpleUploadedFile("slides.pdf", tiny_pdf(["Slides"])),
        title="Slides: what we found, with a rather long title to wrap at 320 pixels",
        kind="slides",
        visible_to="registered",
    )
    services.walk_in_add(event=past, actor=member, person=world["teammate"])
    guest = services.walk_in_add(event=past, actor=member, guest_name="Chris")
    services.minutes_save(event=past, actor=member, text="## Actions\n\n- **More breaks**")
    services.minutes_comment(event=past, person=member, text="Add the date, please.")
    services.breakout_record(
        event=past, actor=member, name="Table 1", themes="Transport\nPlain words"
    )
    pk = past.pk
    return [
        reverse("events:detail", args=[pk]),
        reverse("events:materials", args=[pk]),
        reverse("events:material_remove", args=[pk, material.pk]),
        reverse("events:walk_ins", args=[pk]),
        reverse("events:walk_ins", args=[pk]) + "?q=att",
        reverse("events:minutes", args=[pk]),
        reverse("events:minutes_write", args=[pk]),
        reverse("events:minutes_agree", args=[pk]),
        reverse("events:breakouts", args=[pk]),
        reverse("events:walk_in_remove", args=[pk, guest.pk]),
    ]


def test_a_meetings_files_walk_ins_minutes_and_themes_are_accessible(
    live_server: object, page: Page, sign_in: object, axe_check: object, world: dict
) -> None:
    pages = _meeting_record(world)
    sign_in(world["member"])
    visit_each(page, live_server, axe_check, pages)
    forms = [
        (world["member"], path) for path in (pages[1], pages[3], pages[5], pages[6], pages[8])
    ]
    send_each_empty(page, live_server, sign_in, axe_check, forms)
