"""Threads as the people in a place use them: starting, replying, reacting, naming
someone, editing and removing, reading, pinning and closing, searching, and carrying a
thread on as a decision or a document."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from levelfield.decisions.models import Decision
from levelfield.documents.models import Document
from levelfield.history.models import Change
from levelfield.lib.manifests import manifests
from levelfield.threads import services
from levelfield.threads.models import (
    Mention,
    Post,
    Reaction,
    ReactionKind,
    ReadMark,
    Revision,
    Thread,
)

pytestmark = pytest.mark.django_db


def _list_url(place) -> str:
    return reverse("threads:place_list", args=[place.pk])


def _url(thread, name: str = "detail", *extra) -> str:
    return reverse(f"threads:{name}", args=[thread.place_id, thread.pk, *extra])


def _counts() -> tuple[int, ...]:
    return tuple(m.objects.count() for m in (Thread, Post, Reaction, ReadMark, Revision, Change))


# Starting and reaching a thread


def test_a_member_starts_a_thread_and_everyone_in_the_place_sees_it(world, as_person):
    response = as_person(world.member).post(
        reverse("threads:create", args=[world.project_place.pk]),
        {"title": "Paying for taxis", "body": "Can we pay for **taxis**?"},
    )
    thread = Thread.objects.get()
    assert response.status_code == 302 and response.url == thread.get_absolute_url()
    page = as_person(world.coordinator).get(_url(thread))
    assert page.status_code == 200
    assert b"<strong>taxis</strong>" in page.content
    listing = as_person(world.coordinator).get(_list_url(world.project_place))
    assert b"Paying for taxis" in listing.content
    assert b"1 new" in listing.content  # Cora has not read it; Mo wrote it


@pytest.mark.parametrize("who", ["outsider", "former", "collective_member", "group_member"])
def test_people_outside_the_place_get_not_found_and_write_nothing(world, as_person, thread, who):
    client = as_person(getattr(world, who))
    before = _counts()
    assert client.get(_list_url(world.project_place)).status_code == 404
    assert client.get(_url(thread)).status_code == 404
    assert client.post(_url(thread, "reply"), {"body": "Hello"}).status_code == 404
    assert client.post(_url(thread, "pin"), {"pinned": "yes"}).status_code == 404
    opening = thread.posts.get()
    react = _url(thread, "react", opening.pk)
    assert client.post(react, {"kind": "agree"}).status_code == 404
    assert _counts() == before


def test_a_thread_in_another_place_is_not_found_through_this_place(world, as_person, thread):
    wrong = reverse("threads:detail", args=[world.collective_place.pk, thread.pk])
    assert as_person(world.member).get(wrong).status_code == 404


def test_a_thread_without_a_title_or_message_is_refused_naming_each_field(world, as_person):
    response = as_person(world.member).post(
        reverse("threads:create", args=[world.project_place.pk]), {"title": " ", "body": ""}
    )
    assert response.status_code == 400
    assert "Enter a title." in response.content.decode()
    assert "Enter your message." in response.content.decode()
    assert not Thread.objects.exists()


def test_opening_a_thread_writes_nothing(world, as_person, thread):
    client = as_person(world.member)
    before = _counts()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(_url(thread)).status_code == 200
    writes = [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
        and "django_session" not in q["sql"]
    ]
    assert writes == []
    assert _counts() == before


# Replies


def test_a_reply_to_a_reply_joins_its_top_level_reply(world, thread):
    first = services.post_reply(thread=thread, author=world.member, body="At home.")
    second = services.post_reply(
        thread=thread, author=world.coordinator, body="Why?", parent=first
    )
    third = services.post_reply(thread=thread, author=world.member, body="Easier.", parent=second)
    assert second.parent_id == first.pk and third.parent_id == first.pk
    to_opening = services.post_reply(
        thread=thread, author=world.member, body="Top.", parent=thread.posts.get(is_opening=True)
    )
    assert to_opening.parent_id is None
    thread.refresh_from_db()
    assert (thread.post_count, thread.reply_count) == (5, 4)
    assert thread.last_activity_at == to_opening.created_at


def test_replying_from_the_page_shows_the_reply_and_an_empty_one_names_the_field(
    world, as_person, thread
):
    client = as_person(world.member)
    response = client.post(_url(thread, "reply"), {"body": "At the club, with transport."})
    assert response.status_code == 302 and "#post-" in response.url
    assert b"At the club, with transport." in client.get(_url(thread)).content
    empty = client.post(_url(thread, "reply"), {"body": ""})
    assert empty.status_code == 400 and "Enter your reply." in empty.content.decode()
    assert thread.posts.count() == 2


def test_a_closed_thread_takes_no_replies_and_says_who_closed_it(world, as_person, thread):
    client = as_person(world.member)
    confirm = client.get(_url(thread, "close"))
    assert b"Close this thread?" in confirm.content
    assert client.post(_url(thread, "close"), {"closed": "yes"}).status_code == 302
    thread.refresh_from_db()
    assert thread.closed_by == world.member and thread.closed_at
    assert Change.objects.filter(action="thread_closed", subject_id=thread.pk).exists()
    before = _counts()
    response = client.post(_url(thread, "reply"), {"body": "One more thing"})
    assert response.status_code == 400
    assert "This thread is closed" in response.content.decode()
    assert _counts() == before
    page = client.get(_url(thread)).content.decode()
    assert "by Mo" in page and "takes no more replies" in page
    client.post(_url(thread, "close"), {"closed": "no"})
    thread.refresh_from_db()
    assert thread.closed_at is None and thread.closed_by is None


def test_any_member_pins_a_thread_to_the_top_and_it_is_in_the_history(world, as_person, thread):
    later = services.thread_start(
        place=world.project_place, author=world.member, title="Later", body="Newer thread."
    )
    as_person(world.member).post(_url(thread, "pin"), {"pinned": "yes"})
    order = list(Thread.objects.in_place(world.project_place).in_list_order())
    assert order == [thread, later]
    assert Change.objects.filter(action="thread_pinned", actor=world.member).exists()


# Editing and removing


def test_editing_keeps_the_earlier_version_on_a_history_page(world, as_person, thread):
    reply = services.post_reply(thread=thread, author=world.member, body="Firts draft.")
    client = as_person(world.member)
    response = client.post(_url(thread, "edit", reply.pk), {"body": "First draft."})
    assert response.status_code == 302
    reply.refresh_from_db()
    assert reply.body == "First draft." and reply.edited_at
    assert list(reply.revisions.values_list("body", flat=True)) == ["Firts draft."]
    page = client.get(_url(thread)).content.decode()
    assert "edited" in page
    history = as_person(world.coordinator).get(_url(thread, "history", reply.pk))
    assert "Firts draft." in history.content.decode()


def test_nobody_edits_or_removes_someone_elses_post(world, as_person, thread):
    reply = services.post_reply(thread=thread, author=world.member, body="Mine.")
    client = as_person(world.coordinator)
    before = _counts()
    assert client.post(_url(thread, "edit", reply.pk), {"body": "Theirs."}).status_code == 403
    client.post(_url(thread, "remove", reply.pk))
    reply.refresh_from_db()
    assert reply.body == "Mine." and reply.removed_at is None
    assert _counts() == before


def test_removing_your_reply_keeps_its_place_and_the_replies_to_it(world, as_person, thread):
    reply = services.post_reply(thread=thread, author=world.member, body="Secret words.")
    services.post_edit(post=reply, person=world.member, body="Other secret words.")
    answer = services.post_reply(
        thread=thread, author=world.coordinator, body="I see.", parent=reply
    )
    client = as_person(world.member)
    assert b"Remove your reply?" in client.get(_url(thread, "remove", reply.pk)).content
    client.post(_url(thread, "remove", reply.pk))
    page = client.get(_url(thread)).content.decode()
    assert "This reply was removed." in page and "secret words" not in page
    assert "I see." in page
    assert not Revision.objects.filter(post=reply).exists()
    assert Post.objects.get(pk=answer.pk).parent_id == reply.pk


def test_an_empty_edit_names_the_field(world, as_person, thread):
    opening = thread.posts.get()
    response = as_person(world.coordinator).post(_url(thread, "edit", opening.pk), {"body": ""})
    assert response.status_code == 400 and "Enter your post." in response.content.decode()


# Reactions


def test_a_reaction_is_toggled_and_counted_once_per_person(world, as_person, thread):
    opening = thread.posts.get()
    client = as_person(world.member)
    client.post(_url(thread, "react", opening.pk), {"kind": "agree"})
    client.post(_url(thread, "react", opening.pk), {"kind": "thanks"})
    assert Reaction.objects.filter(post=opening).count() == 2
    page = client.get(_url(thread)).content.decode()
    assert "Agree: 1" in page and 'aria-pressed="true"' in page
    # One form per post: the button pressed sends its kind.
    assert page.count(f'action="{_url(thread, "react", opening.pk)}"') == 1
    assert 'name="kind" value="agree" aria-pressed="true"' in page
    client.post(_url(thread, "react", opening.pk), {"kind": "agree"})
    assert list(Reaction.objects.values_list("kind", flat=True)) == ["thanks"]
    before = _counts()
    client.post(_url(thread, "react", opening.pk), {"kind": "love"})
    assert _counts() == before


def test_the_database_allows_one_reaction_per_person_post_and_kind(world, thread):
    opening = thread.posts.get()
    Reaction.objects.create(post=opening, person=world.member, kind=ReactionKind.AGREE)
    with pytest.raises(IntegrityError), transaction.atomic():
        Reaction.objects.create(post=opening, person=world.member, kind=ReactionKind.AGREE)


# Mentions


def test_a_mentioned_member_is_told_after_commit_and_nobody_outside_is(
    world, thread, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.post_reply(
            thread=thread,
            author=world.coordinator,
            body="@mo what do you think? And @Gita, @Olu, @Fern?",
        )
    assert list(Mention.objects.values_list("person__display_name", flat=True)) == ["Mo"]
    assert [m.to for m in mailoutbox] == [[world.member.email]]
    assert "Cora mentioned you" in mailoutbox[0].subject
    assert "what do you think?" in mailoutbox[0].body


def test_a_mention_by_full_name_or_without_spaces_finds_the_member(world):
    world.member.display_name = "Mo Farah"
    world.member.save()
    place = world.project_place
    assert services.mentioned_members(place, "Thanks @Mo Farah, great.") == [world.member]
    assert services.mentioned_members(place, "Thanks @mofarah.") == [world.member]
    assert services.mentioned_members(place, "email mo@example.org") == []


def test_editing_to_add_a_name_tells_only_the_newly_named(world, thread, mailoutbox):
    reply = services.post_reply(thread=thread, author=world.coordinator, body="Hi @Mo")
    services.post_edit(post=reply, person=world.coordinator, body="Hi @Mo, thanks")
    assert Mention.objects.count() == 1


# Reading


def test_unread_counts_and_marking_read(world, as_person, thread):
    services.post_reply(thread=thread, author=world.coordinator, body="More.")
    client = as_person(world.member)
    assert b"2 new" in client.get(_list_url(world.project_place)).content
    page = client.get(_url(thread)).content.decode()
    assert "Mark as read" in page and "2 posts new to you" in page
    client.post(_url(thread, "read"))
    assert b"govuk-tag--yellow" not in client.get(_list_url(world.project_place)).content
    assert ReadMark.objects.get(person=world.member).read_count == 2
    services.post_reply(thread=thread, author=world.coordinator, body="Even more.")
    assert b"1 new" in client.get(_list_url(world.project_place)).content


def test_replying_marks_the_thread_read(world, thread):
    services.post_reply(thread=thread, author=world.member, body="Hello.")
    assert ReadMark.objects.get(person=world.member).read_count == 2


# Search


def test_search_finds_any_word_with_all_words_first(world, as_person):
    place = world.project_place
    one = services.thread_start(
        place=place, author=world.member, title="Taxi fares", body="Who pays?"
    )
    both = services.thread_start(
        place=place, author=world.member, title="Travel", body="Taxi and bus fares."
    )
    services.thread_start(place=place, author=world.member, title="Cake", body="Lemon.")
    services.post_reply(thread=one, author=world.member, body="A newer reply.")
    found = list(services.thread_search(Thread.objects.in_place(place), "taxi bus"))
    assert found == [both, one]
    page = as_person(world.member).get(_list_url(place), {"q": "lemon"}).content.decode()
    assert "1 thread found" in page and "Cake" in page and "Travel" not in page


# Carrying it on


def test_a_thread_becomes_a_draft_decision_and_a_document_linked_both_ways(
    world, as_person, thread
):
    client = as_person(world.member)
    response = client.post(_url(thread, "make_decision"))
    decision = Decision.objects.get()
    assert response.url == reverse("decisions:detail", args=[decision.pk])
    assert decision.place == world.project_place and decision.has_discussion
    assert thread.get_absolute_url() in decision.background
    client.post(_url(thread, "make_document"))
    document = Document.objects.get()
    assert document.place == world.project_place
    thread.refresh_from_db()
    assert (thread.decision, thread.document) == (decision, document)
    page = client.get(_url(thread)).content.decode()
    assert "This thread became a decision" in page and "became a document" in page
    client.post(_url(thread, "make_decision"))
    assert Decision.objects.count() == 1


# The home and the manifest


def test_a_mention_needs_the_person_until_they_read_the_thread(world, thread):
    needs = next(m for m in manifests() if m.label == "threads").needs
    services.post_reply(thread=thread, author=world.coordinator, body="@Mo can you?")
    [need] = needs(world.member)
    assert need.kind == "thread_mention" and "Cora mentioned you" in need.label
    services.thread_mark_read(thread=thread, person=world.member)
    assert needs(world.member) == []


def test_the_place_navigation_leads_to_threads(world, as_person):
    from levelfield.places.navigation import place_navigation

    links = [link for s in place_navigation(world.group) for link in s.links]
    assert any(link.url == _list_url(world.group) for link in links)


def test_services_refuse_people_outside_the_place(world, thread):
    with pytest.raises(ValidationError):
        services.post_reply(thread=thread, author=world.group_member, body="Hi")
    with pytest.raises(ValidationError):
        services.thread_start(
            place=world.project_place, author=world.outsider, title="Hi", body="Hi"
        )


# Query counts stay flat


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_list_and_a_long_thread_take_the_same_queries_at_two_sizes(world, as_person):
    client = as_person(world.member)
    place = world.project_place
    busy = services.thread_start(place=place, author=world.coordinator, title="Busy", body="x")

    def grow(threads: int, replies: int) -> None:
        for n in range(threads):
            services.thread_start(place=place, author=world.member, title=f"T{n}", body="y")
        for n in range(replies):
            top = services.post_reply(thread=busy, author=world.member, body=f"@Cora r{n}")
            services.post_reply(thread=busy, author=world.coordinator, body="ok", parent=top)
            services.reaction_toggle(post=top, person=world.coordinator, kind="agree")

    grow(2, 2)
    small = (_queries(client, _list_url(place)), _queries(client, _url(busy)))
    grow(30, 60)
    large = (_queries(client, _list_url(place)), _queries(client, _url(busy)))
    assert small == large
    assert b"Pages of replies" in client.get(_url(busy)).content


# A long thread a page at a time


@pytest.fixture
def two_a_page(monkeypatch):
    """Two top-level replies a page, so a few replies make several pages."""
    from levelfield.threads import display

    monkeypatch.setattr(display, "REPLIES_PER_PAGE", 2)


def _replies(thread, author, count: int) -> list[Post]:
    return [
        services.post_reply(thread=thread, author=author, body=f"Reply number {n}.")
        for n in range(count)
    ]


def test_the_newest_replies_are_one_link_away(world, as_person, thread, two_a_page):
    _replies(thread, world.coordinator, 5)  # pages: 0 1 | 2 3 | 4
    client = as_person(world.member)
    first = client.get(_url(thread)).content.decode()
    assert "Page 1 of 3" in first and "Reply number 4." not in first
    assert 'href="?page=last#replies"' in first
    newest = client.get(_url(thread), {"page": "last"}).content.decode()
    assert "Page 3 of 3" in newest and "Reply number 4." in newest
    assert "Go to the newest replies" not in newest


def test_a_mention_on_a_later_page_links_to_the_page_holding_it(
    world, as_person, thread, two_a_page, django_capture_on_commit_callbacks
):
    from levelfield.notifications.models import Notification

    _replies(thread, world.coordinator, 4)
    with django_capture_on_commit_callbacks(execute=True):
        named = services.post_reply(thread=thread, author=world.coordinator, body="@Mo, yes?")
    links = {
        "email": Notification.objects.get(kind="thread_mention").link,
        "home": next(m for m in manifests() if m.label == "threads").needs(world.member)[0].url,
    }
    # An answer to an early reply, made late, is shown under it on page 1.
    early = Post.objects.get(body="Reply number 0.")
    answer = services.post_reply(thread=thread, author=world.member, body="Late.", parent=early)
    client = as_person(world.member)
    for link in links.values():  # the permalink, worked out when it is followed
        response = client.get(link)
        assert response.status_code == 302
        assert response.url == f"{_url(thread)}?page=3#post-{named.pk}"
        assert f'id="post-{named.pk}"' in client.get(response.url).content.decode()
    assert client.get(_url(thread, "post", answer.pk)).url == f"{_url(thread)}#post-{answer.pk}"
    opening = thread.posts.get(is_opening=True)
    assert client.get(_url(thread, "post", opening.pk)).url == f"{_url(thread)}#post-{opening.pk}"


def test_a_thread_of_10_and_of_1000_replies_takes_the_same_queries_a_page(
    world, as_person, thread
):
    """Bulk-inserted (the services would take minutes), with the counts and the version
    they keep."""
    from django.db.models import F

    def add(count: int) -> None:
        made = Post.objects.bulk_create(
            Post(thread=thread, author=world.member, body="Yes.", html="<p>Yes.</p>")
            for _ in range(count)
        )
        Post.objects.create(
            thread=thread, parent=made[-1], author=world.coordinator, body="Ok.", html="Ok."
        )
        Reaction.objects.create(post=made[-1], person=world.coordinator, kind="agree")
        Thread.objects.filter(pk=thread.pk).update(
            post_count=F("post_count") + count + 1,
            reply_count=F("reply_count") + count + 1,
            posts_version=F("posts_version") + 1,
        )

    client = as_person(world.member)
    add(10)
    small = [_queries(client, _url(thread) + page) for page in ("", "?page=last")]
    add(990)
    large = [_queries(client, _url(thread) + page) for page in ("", "?page=last")]
    assert small == large
    newest = client.get(_url(thread), {"page": "last"}).content.decode()
    assert "Page 40 of 40" in newest and "Ok." in newest
