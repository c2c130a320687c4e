"""Every opportunities page under axe-core (WCAG 2.2 AA) with one heading and no
sideways scrolling at 320 px: the public board as a visitor with no account, a place's
pages as its writer and its checker; every form sent empty shows the GOV.UK error
summary, each link leading to its field."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect

from levelfield.lib.testing.world import world_build
from levelfield.opportunities import services
from levelfield.opportunities.models import Topic
from levelfield.opportunities.tests.conftest import make
from tests.browser.conftest import browser_as
from tests.browser.sweep import assert_reflows, send_each_empty, visit_each

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def world() -> dict:
    """Riverside, listed, with a live opportunity someone answered, a draft sent back
    and one waiting to be checked."""
    # Flushed tables lose the topics the migration adds: put a few back.
    for position, (slug, name) in enumerate([("stroke", "Stroke"), ("carers", "Carers")]):
        Topic.objects.get_or_create(slug=slug, defaults={"name": name, "position": position})
    built = world_build()
    built.collective.listed = True
    built.collective.save(update_fields=["listed"])
    live = make(built, title="Stroke survivors to shape our study")
    services.interest_express(
        opportunity=live,
        name="Sam",
        email="sam@example.org",
        why="I had a stroke in 2021 and want research to ask the right questions.",
        perspectives=["lived_experience"],
        access_needs="Large print, please.",
    )
    sent_back = make(built, state="submitted", title="Carers to read our leaflet")
    services.opportunity_send_back(
        opportunity=sent_back, actor=built.coordinator, comments="Say what it pays."
    )
    waiting = make(built, state="submitted", title="Panel member for funding choices")
    return {"world": built, "live": live, "draft": sent_back, "waiting": waiting}


def test_every_public_page_passes_axe_and_reflows_for_a_visitor(
    live_server: object, page: Page, axe_check: object, world: dict
) -> None:
    live = world["live"]
    page.goto(live_server.url + "/opportunities/")
    expect(page.get_by_role("link", name=live.title)).to_be_visible()
    visit_each(
        page,
        live_server,
        axe_check,
        [
            "/opportunities/",
            "/opportunities/?topic=stroke&paid=yes&mode=online",
            "/opportunities/?topic=dementia",
            f"/opportunities/{live.pk}/",
            f"/opportunities/{live.pk}/interest/",
            f"/opportunities/{live.pk}/interest/sent/",
        ],
    )


def test_every_place_page_passes_axe_and_reflows(
    live_server: object, page: Page, sign_in: object, axe_check: object, world: dict
) -> None:
    built, live, draft, waiting = world["world"], world["live"], world["draft"], world["waiting"]
    sign_in(built.member)
    visit_each(
        page,
        live_server,
        axe_check,
        [
            f"/opportunities/place/{built.project_place.pk}/",
            f"/opportunities/place/{built.project_place.pk}/new/",
            f"/opportunities/{draft.pk}/manage/",
            f"/opportunities/{draft.pk}/edit/",
            f"/opportunities/{live.pk}/manage/",
            f"/opportunities/{live.pk}/interests/",
            f"/opportunities/{live.pk}/selection/",
            f"/opportunities/{live.pk}/close/",
            "/opportunities/choices/",
        ],
    )
    sign_in(built.coordinator)
    visit_each(
        page,
        live_server,
        axe_check,
        [
            f"/opportunities/place/{built.collective_place.pk}/checks/",
            f"/opportunities/{waiting.pk}/check/",
            f"/opportunities/{waiting.pk}/publish/",
        ],
    )


def test_every_form_sent_empty_shows_the_error_summary(
    live_server: object,
    page: Page,
    browser: Browser,
    sign_in: object,
    axe_check: object,
    world: dict,
) -> None:
    built, live, draft, waiting = world["world"], world["live"], world["draft"], world["waiting"]
    with browser_as(browser, live_server, None) as visitor:
        visitor.goto(f"{live_server.url}/opportunities/{live.pk}/interest/")
        visitor.get_by_role("button", name="Send").click()
        summary = visitor.locator(".govuk-error-summary")
        expect(summary).to_be_visible()
        for link in summary.locator("a").all():
            assert visitor.locator(link.get_attribute("href")).count() == 1
        axe_check(visitor)
        assert_reflows(visitor)
    send_each_empty(
        page,
        live_server,
        sign_in,
        axe_check,
        [
            (built.member, f"/opportunities/place/{built.project_place.pk}/new/"),
            (built.member, f"/opportunities/{draft.pk}/edit/"),
            (built.member, "/opportunities/choices/"),
            (built.member, f"/opportunities/{live.pk}/selection/"),
            (built.coordinator, f"/opportunities/{waiting.pk}/check/"),
        ],
    )


def test_the_pages_after_a_selection_pass_axe_and_reflow(
    live_server: object, page: Page, sign_in: object, axe_check: object, world: dict
) -> None:
    """The finished selection and reach figures as the organiser sees them, and the
    pages the people told reach from their emails (no account needed)."""
    built, live = world["world"], world["live"]
    services.interest_express(
        opportunity=live,
        name="Josh",
        email="josh@example.org",
        why="I care for my dad.",
        perspectives=["carer"],
        reach={"age_band": "45_54"},
    )
    services.selection_finish(opportunity=live, actor=built.member, places=1, seed=5)
    chosen = live.interests.get(outcome="chosen")
    not_chosen = live.interests.get(outcome="not_chosen")
    keep = services.interest_token(not_chosen, salt=services.KEEP_IN_MIND_SALT)
    took_part = services.interest_token(chosen, salt=services.TOOK_PART_SALT)
    visit_each(
        page,
        live_server,
        axe_check,
        [f"/opportunities/kept/{keep}/", f"/opportunities/took-part/{took_part}/"],
    )
    page.goto(f"{live_server.url}/opportunities/kept/{keep}/")
    page.get_by_role("button", name="Save my answer").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    for link in summary.locator("a").all():
        assert page.locator(link.get_attribute("href")).count() == 1
    axe_check(page)
    sign_in(built.member)
    visit_each(
        page,
        live_server,
        axe_check,
        [f"/opportunities/{live.pk}/selection/", f"/opportunities/{live.pk}/reach/"],
    )
