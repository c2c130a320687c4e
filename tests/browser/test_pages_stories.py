"""Every stories page under axe-core (WCAG 2.2 AA), the public ones as a visitor with
no account, and every stories form sent empty shows the GOV.UK error summary, each
link leading to its field."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from levelfield.collectives.tests.factories import CollectiveFactory, CollectiveMembershipFactory
from levelfield.events import services as event_services
from levelfield.events.models import Audience
from levelfield.events.tests.conftest import event_values
from levelfield.people.tests.factories import UserFactory
from levelfield.stories import demo
from levelfield.stories.models import Comment, Interest, Story
from tests.browser.conftest import browser_as

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def world(settings: object, tmp_path: Path) -> dict:
    """The demo's stories, comments and messages in a collective of five."""
    settings.MEDIA_ROOT = tmp_path  # type: ignore[attr-defined]
    collective = CollectiveFactory(name="Riverside Collective", slug="riverside")
    people = {key: UserFactory(display_name=key.title()) for key in demo.PEOPLE}
    for key, person in people.items():
        CollectiveMembershipFactory(
            collective=collective, person=person, is_coordinator=key == "amara"
        )
    demo.demo_load(collective=collective, people=people)
    event_services.event_create(  # the public home lists it under "Coming up"
        place=collective.places.get(kind="collective"),
        actor=people["maggie"],
        values=event_values(title="Co-Pro Cuppa", audience=Audience.ANYONE),
    )
    return {
        "people": people,
        "story": Story.objects.get(title=demo.NOVEMBER),
        "draft": Story.objects.get(published_at=None),
        "comment": Comment.objects.filter(reports__isnull=False).get(),  # held once reported
        "shown": Comment.objects.shown().first(),  # one anyone may still report
        "interest": Interest.objects.get(),
    }


def test_every_public_page_passes_axe_for_a_visitor(
    live_server: object, page: Page, axe_check: object, world: dict
) -> None:
    story = world["story"]
    page.goto(live_server.url + "/c/riverside/")
    expect(page.get_by_role("link", name="Co-Pro Cuppa")).to_be_visible()
    for path in [
        "/c/riverside/",
        "/c/riverside/about-co-production/",
        "/c/riverside/stories/",
        "/c/riverside/stories/topics/cuppa/",
        story.get_absolute_url(),
        "/c/riverside/get-involved/",
        "/c/riverside/get-involved/thank-you/",
    ]:
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        axe_check(page)


def test_every_desk_page_passes_axe(
    live_server: object, page: Page, sign_in: object, axe_check: object, world: dict
) -> None:
    story, draft = world["story"], world["draft"]
    comment, interest = world["comment"], world["interest"]
    sign_in(world["people"]["amara"])
    for path in [
        "/c/riverside/desk/",
        "/c/riverside/desk/new/",
        f"/c/riverside/desk/{story.pk}/",
        f"/c/riverside/desk/{draft.pk}/",
        f"/c/riverside/desk/{story.pk}/edit/",
        f"/c/riverside/desk/{story.pk}/pictures/",
        f"/c/riverside/desk/{draft.pk}/publish/",
        f"/c/riverside/desk/{story.pk}/take-down/",
        "/c/riverside/desk/comments/",
        f"/c/riverside/desk/comments/{comment.pk}/",
        "/c/riverside/desk/get-involved/",
        f"/c/riverside/desk/get-involved/{interest.pk}/",
        "/c/riverside/desk/public-page/",
        f"{world['shown'].story.get_absolute_url()}comments/{world['shown'].pk}/report/",
        story.get_absolute_url(),  # signed in: the comment form and report links
    ]:
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        axe_check(page)


def _sent_empty(page: Page, button: str) -> None:
    page.get_by_role("button", name=button).click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    for link in summary.locator("a").all():
        target = link.get_attribute("href")
        assert target and page.locator(target).count() == 1, target


def test_every_form_sent_empty_shows_the_error_summary(
    live_server: object, page: Page, browser: Browser, sign_in: object, world: dict
) -> None:
    story, draft = world["story"], world["draft"]
    comment, interest = world["comment"], world["interest"]
    with browser_as(browser, live_server, None) as visitor:
        visitor.goto(f"{live_server.url}/c/riverside/get-involved/")
        _sent_empty(visitor, "Send")
    sign_in(world["people"]["amara"])
    for path, button in [
        ("/c/riverside/desk/new/", "Save the draft"),
        (f"/c/riverside/desk/{story.pk}/pictures/", "Add the picture"),
        (f"/c/riverside/desk/{draft.pk}/publish/", "Publish"),
        (f"/c/riverside/desk/{story.pk}/take-down/", "Take it down"),
        (f"/c/riverside/desk/comments/{comment.pk}/", "Save"),
        (f"/c/riverside/desk/get-involved/{interest.pk}/", "Send the answer"),
        (
            f"{world['shown'].story.get_absolute_url()}comments/{world['shown'].pk}/report/",
            "Send the report",
        ),
        (story.get_absolute_url(), "Post your comment"),
    ]:
        page.goto(live_server.url + path)
        _sent_empty(page, button)
