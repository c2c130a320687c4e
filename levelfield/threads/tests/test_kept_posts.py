"""A thread's posts and the list's rows are rendered once and kept (threads/display.py):
whatever changes what they show, the next page shows the change, and each member still
sees their own part (new to them, their reactions, their posts, a working form token)."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from levelfield.threads import services
from levelfield.threads.models import Reaction

pytestmark = pytest.mark.django_db


def _url(thread, name: str = "detail", *extra) -> str:
    return reverse(f"threads:{name}", args=[thread.place_id, thread.pk, *extra])


def _page(client: Client, thread) -> str:
    return client.get(_url(thread)).content.decode()


def test_a_reaction_shows_at_once_to_everyone_and_pressed_only_for_its_author(
    world, as_person, thread
):
    reply = services.post_reply(thread=thread, author=world.member, body="Shall we?")
    cora, mo = as_person(world.coordinator), as_person(world.member)
    assert "Agree: 0" in _page(cora, thread) and "Agree: 0" in _page(mo, thread)
    services.reaction_toggle(post=reply, person=world.coordinator, kind="agree")
    cora_page, mo_page = _page(cora, thread), _page(mo, thread)
    assert "Agree: 1" in cora_page and "Agree: 1" in mo_page
    assert 'value="agree" aria-pressed="true"' in cora_page
    assert 'value="agree" aria-pressed="true"' not in mo_page
    services.reaction_toggle(post=reply, person=world.coordinator, kind="agree")
    assert "Agree: 1" not in _page(cora, thread)


def test_an_edit_a_removal_and_closing_show_on_the_next_page(world, as_person, thread):
    reply = services.post_reply(thread=thread, author=world.member, body="Frist words.")
    cora, mo = as_person(world.coordinator), as_person(world.member)
    remove_url = _url(thread, "remove", reply.pk)
    assert "Frist words." in _page(cora, thread) and remove_url in _page(mo, thread)
    assert remove_url not in _page(cora, thread)  # only the author may remove it
    services.post_edit(post=reply, person=world.member, body="First words.")
    page = _page(cora, thread)
    assert "First words." in page and "Frist words." not in page and "edited" in page
    services.thread_close(thread=thread, person=world.coordinator, closed=True)
    thread.refresh_from_db()
    page = _page(mo, thread)
    assert remove_url not in page and f'name="parent" value="{reply.pk}"' not in page
    services.thread_close(thread=thread, person=world.coordinator, closed=False)
    services.post_remove(post=reply, person=world.member)
    page = _page(cora, thread)
    assert "This reply was removed." in page and "First words." not in page


def test_a_renamed_author_and_a_post_new_to_one_reader_show(world, as_person, thread):
    services.post_reply(thread=thread, author=world.member, body="Hello.")
    cora = as_person(world.coordinator)
    assert "Reply to Mo" in _page(cora, thread)
    world.member.display_name = "Morwenna"
    world.member.save(update_fields=["display_name"])
    assert "Reply to Morwenna" in _page(cora, thread)
    new_tag = 'govuk-tag--yellow">New</strong>'
    assert new_tag in _page(cora, thread)
    services.thread_mark_read(thread=thread, person=world.coordinator)
    assert new_tag not in _page(cora, thread)
    # Writing the reply was reading the thread for Mo: nothing is new to him.
    assert new_tag not in _page(as_person(world.member), thread)


def test_each_request_gets_its_own_working_form_token(world, thread):
    reply = services.post_reply(thread=thread, author=world.member, body="Thoughts?")
    tokens = []
    for person in (world.coordinator, world.member):
        client = Client(enforce_csrf_checks=True)
        client.force_login(person)
        page = _page(client, thread)
        react = page.index(f'action="{_url(thread, "react", reply.pk)}"')
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page[react:])[1]
        tokens.append(token)
        response = client.post(
            _url(thread, "react", reply.pk), {"kind": "thanks", "csrfmiddlewaretoken": token}
        )
        assert response.status_code == 302
    assert tokens[0] != tokens[1]
    assert Reaction.objects.filter(post=reply, kind="thanks").count() == 2


def test_the_list_shows_a_reply_pinning_and_closing_at_once_and_new_per_person(
    world, as_person, thread
):
    listing = reverse("threads:place_list", args=[thread.place_id])
    cora, mo = as_person(world.coordinator), as_person(world.member)
    assert "0 replies" in cora.get(listing).content.decode()
    services.post_reply(thread=thread, author=world.member, body="Me too.")
    cora_list, mo_list = cora.get(listing).content.decode(), mo.get(listing).content.decode()
    assert "1 reply" in cora_list and "1 reply" in mo_list
    assert "1 new" in cora_list and "1 new" not in mo_list
    services.thread_pin(thread=thread, person=world.member, pinned=True)
    services.thread_close(thread=thread, person=world.member, closed=True)
    cora_list = cora.get(listing).content.decode()
    assert "Pinned</strong>" in cora_list and "Closed</strong>" in cora_list
    services.thread_mark_read(thread=thread, person=world.coordinator)
    assert "1 new" not in cora.get(listing).content.decode()


def test_a_reply_shows_at_once_on_the_newest_page_already_kept(
    world, as_person, thread, monkeypatch
):
    """A page's posts are kept per the thread's posts_version (threads/display.py): a
    reply moves it, so the newest page and its pager change for everyone at once."""
    from levelfield.threads import display

    monkeypatch.setattr(display, "REPLIES_PER_PAGE", 2)
    for n in range(4):
        services.post_reply(thread=thread, author=world.coordinator, body=f"Reply {n}.")
    mo = as_person(world.member)
    newest = mo.get(_url(thread), {"page": "last"}).content.decode()
    assert "Page 2 of 2" in newest and "Reply 3." in newest
    services.post_reply(thread=thread, author=world.coordinator, body="One more.")
    thread.refresh_from_db()
    newest = mo.get(_url(thread), {"page": "last"}).content.decode()
    assert "Page 3 of 3" in newest and "One more." in newest and "Reply 3." not in newest
    first = mo.get(_url(thread)).content.decode()
    assert "Page 1 of 3" in first and "Reply 0." in first


def test_an_erased_persons_name_and_reactions_leave_a_kept_page_at_once(world, as_person, thread):
    from levelfield.home.services import person_delete

    reply = services.post_reply(thread=thread, author=world.member, body="Count me in.")
    services.reaction_toggle(post=reply, person=world.member, kind="thanks")
    cora = as_person(world.coordinator)
    page = _page(cora, thread)
    assert "Reply to Mo" in page and "Thanks: 1" in page
    person_delete(person=world.member)
    page = _page(cora, thread)
    assert "Reply to Mo" not in page and "Reply to a former member" in page
    assert "Thanks: 1" not in page and "Thanks: 0" in page
