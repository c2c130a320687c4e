"""The collective's public face in a real browser, with axe-core on the pages people
use: a member drafts a story with a picture, a coordinator publishes it, a visitor
reads it and registers interest, a signed-in person comments, another reports the
comment, and a moderator hides it."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from levelfield.collectives.tests.factories import CollectiveFactory, CollectiveMembershipFactory
from levelfield.people.tests.factories import UserFactory
from levelfield.stories import services
from levelfield.stories.models import Interest
from levelfield.stories.tests.factories import picture_bytes
from tests.browser.conftest import browser_as

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_story_from_draft_to_a_moderated_comment(
    live_server: object,
    page: Page,
    browser: Browser,
    sign_in: object,
    axe_check: object,
    settings: object,
    tmp_path: Path,
) -> None:
    settings.MEDIA_ROOT = tmp_path  # type: ignore[attr-defined]
    collective = CollectiveFactory(name="Riverside Collective", slug="riverside")
    maggie = UserFactory(display_name="Maggie")
    amara = UserFactory(display_name="Amara")
    CollectiveMembershipFactory(collective=collective, person=maggie)
    CollectiveMembershipFactory(collective=collective, person=amara, is_coordinator=True)
    services.public_page_save(collective=collective, actor=amara, values={"comments_held": False})
    reader, reporter = UserFactory(display_name="Rob"), UserFactory(display_name="Rita")
    photo = tmp_path / "cuppa.jpg"
    photo.write_bytes(picture_bytes(size=(900, 600)))

    # A member drafts a story with a picture and asks for it to be published.
    sign_in(maggie)
    page.goto(f"{live_server.url}/collectives/riverside/")
    page.get_by_role("link", name="Stories and the public page").click()
    page.get_by_role("link", name="Write a story").click()
    axe_check(page)
    page.get_by_label("A monthly update").check()
    page.get_by_label("Title").fill("Settling into November")
    page.get_by_label("Summary").fill("What we did, what is coming, join us for a Cuppa.")
    page.get_by_label("The story").fill("## What we did\n\nTwelve of us met for a **Cuppa**.")
    page.get_by_label("Tags").fill("Cuppa, monthly update")
    page.get_by_role("button", name="Save the draft").click()
    expect(page.get_by_text("Your draft is saved.")).to_be_visible()
    axe_check(page)
    page.get_by_role("link", name="Pictures").click()
    page.get_by_label("Picture", exact=True).set_input_files(str(photo))
    page.get_by_label("Alt text").fill("Six people around a table with mugs of tea")
    page.get_by_label("Photo credit").fill("Maggie")
    page.get_by_role("button", name="Add the picture").click()
    expect(page.get_by_text("The picture is added.")).to_be_visible()
    axe_check(page)
    page.get_by_role("link", name="Back to the story").click()
    page.get_by_role("button", name="Ask for it to be published").click()
    expect(page.get_by_text("Waiting to be published")).to_be_visible()

    # A coordinator publishes it.
    with browser_as(browser, live_server, amara) as coordinator:
        coordinator.goto(f"{live_server.url}/c/riverside/desk/")
        coordinator.get_by_role("link", name="Settling into November").click()
        coordinator.get_by_role("link", name="Publish or schedule").click()
        axe_check(coordinator)
        coordinator.get_by_label("Now").check()
        coordinator.get_by_role("button", name="Publish").click()
        expect(coordinator.get_by_text("The story is published.")).to_be_visible()

    # A visitor reads it and registers interest.
    with browser_as(browser, live_server, None) as visitor:
        visitor.goto(f"{live_server.url}/c/riverside/")
        axe_check(visitor)
        visitor.get_by_role("link", name="Settling into November").click()
        expect(visitor.get_by_role("heading", level=1)).to_have_text("Settling into November")
        expect(visitor.get_by_text("Photo credit: Maggie")).to_be_visible()
        expect(visitor.get_by_role("img", name="Six people around a table")).to_be_visible()
        axe_check(visitor)
        visitor.get_by_role("link", name="Get involved").first.click()
        visitor.get_by_label("Your name").fill("Sam")
        visitor.get_by_label("Your email address").fill("sam@example.org")
        visitor.get_by_label("What interests you?").fill("I care for my dad.")
        visitor.get_by_label("You may keep my name").check()
        visitor.get_by_role("button", name="Send").click()
        expect(visitor.get_by_role("heading", name="Thank you")).to_be_visible()
        axe_check(visitor)
    assert Interest.objects.get().name == "Sam"

    # A signed-in person comments; another reports the comment.
    story_url = f"{live_server.url}/c/riverside/stories/settling-into-november/"
    with browser_as(browser, live_server, reader) as commenter:
        commenter.goto(story_url)
        commenter.get_by_label("Your comment").fill("What a waste of time this all is.")
        commenter.get_by_role("button", name="Post your comment").click()
        expect(commenter.get_by_text("Your comment is published.")).to_be_visible()
    with browser_as(browser, live_server, reporter) as second:
        second.goto(story_url)
        second.get_by_role("link", name="Report this comment").click()
        axe_check(second)
        second.get_by_label("What is wrong with this comment?").fill("It is dismissive.")
        second.get_by_role("button", name="Send the report").click()
        expect(second.get_by_text("A moderator will look at the comment.")).to_be_visible()

    # A moderator hides it, with a reason.
    with browser_as(browser, live_server, amara) as moderator:
        moderator.goto(f"{live_server.url}/c/riverside/desk/comments/")
        expect(moderator.get_by_text("It is dismissive.")).to_be_visible()
        axe_check(moderator)
        moderator.get_by_role("link", name="Deal with it").click()
        moderator.get_by_label("Hide it").check()
        moderator.get_by_label("Why?").fill("It breaks our ground rules on respect.")
        moderator.get_by_role("button", name="Save").click()
        expect(moderator.get_by_text("Done. It is recorded in the history.")).to_be_visible()
        moderator.goto(story_url)
        expect(moderator.get_by_text("What a waste of time")).to_have_count(0)
