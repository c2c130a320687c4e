"""Every threads page under axe-core (WCAG 2.2 AA) and the 320 px reflow check, for a
member of the project: the list (and a search), a thread with replies, a nested reply,
reactions and an edited post, its earlier versions, starting a thread, writing an
update and confirming it, changing and removing a post, closing; and every threads
form sent empty shows the GOV.UK error summary, each link leading to its field."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from levelfield.lib.testing.world import world_build
from levelfield.threads import services
from tests.browser.sweep import send_each_empty, visit_each

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def threads() -> dict:
    world = world_build()
    place = world.project_place
    thread = services.thread_start(
        place=place,
        author=world.coordinator,
        title="Where should the interviews happen?",
        body="At home or at the stroke club? A verylongwordwithoutanyspacesthatmustwrapsomewhere"
        "onasmallscreenandnotscrollsideways.",
    )
    reply = services.post_reply(thread=thread, author=world.member, body="At home, @Cora.")
    services.post_reply(thread=thread, author=world.coordinator, body="Why?", parent=reply)
    services.post_edit(post=reply, person=world.member, body="At home, please, @Cora.")
    services.reaction_toggle(post=reply, person=world.coordinator, kind="agree")
    return {"world": world, "place": place, "thread": thread, "reply": reply}


def test_every_threads_page_passes_axe_and_reflows(
    live_server: object, page: Page, sign_in: object, axe_check: object, threads: dict
) -> None:
    place, thread, reply = threads["place"], threads["thread"], threads["reply"]
    args = [place.pk, thread.pk]
    sign_in(threads["world"].member)
    visit_each(
        page,
        live_server,
        axe_check,
        [
            reverse("threads:place_list", args=[place.pk]),
            reverse("threads:place_list", args=[place.pk]) + "?q=home+club",
            reverse("threads:create", args=[place.pk]),
            reverse("threads:update_create", args=[place.pk]),
            reverse("threads:detail", args=args),
            reverse("threads:history", args=[*args, reply.pk]),
            reverse("threads:edit", args=[*args, reply.pk]),
            reverse("threads:remove", args=[*args, reply.pk]),
            reverse("threads:close", args=args),
        ],
    )
    # Confirming an update is its own page.
    page.goto(live_server.url + reverse("threads:update_create", args=[place.pk]))
    page.get_by_label("Title").fill("March workshop")
    page.get_by_label("The update").fill("What happened and what is next.")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", name="Send “March workshop” to everyone?")).to_be_visible()
    axe_check(page)


def test_every_threads_form_sent_empty_shows_the_error_summary(
    live_server: object, page: Page, sign_in: object, axe_check: object, threads: dict
) -> None:
    place, thread, reply = threads["place"], threads["thread"], threads["reply"]
    member = threads["world"].member
    args = [place.pk, thread.pk]
    send_each_empty(
        page,
        live_server,
        sign_in,
        axe_check,
        [
            (member, reverse("threads:create", args=[place.pk])),
            (member, reverse("threads:update_create", args=[place.pk])),
            (member, reverse("threads:detail", args=args)),
            (member, reverse("threads:edit", args=[*args, reply.pk])),
        ],
    )
