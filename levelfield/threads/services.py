"""Changing threads: starting one (or an update), replying, editing with the earlier
versions kept, removing one's own post, reactions, @mentions, read marks, pinning and
closing, and turning a thread into a decision or a document.

Each function is keyword-only and runs in one transaction; it re-checks that the
person is a member of the thread's place (the views have already reached the thread
through access.py). Pinning, closing, sending an update and what a thread became are
written to the place's history. Emails go through notifications after commit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import BooleanField, Case, Exists, F, OuterRef, Q, QuerySet, Value, When
from django.db.models.functions import Lower, Replace
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from levelfield.collectives.roles import memberships_of
from levelfield.history.services import change_record
from levelfield.lib import markdown
from levelfield.notifications.services import notification_send, notifications_send_each
from levelfield.people.models import User
from levelfield.places.models import Place
from levelfield.threads.models import (
    BODY_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    Delivery,
    Mention,
    Post,
    Reaction,
    ReactionKind,
    ReadMark,
    Revision,
    Thread,
    ThreadKind,
)

# An update goes out this many people at a time, each batch in its own transaction.
UPDATE_BATCH_SIZE = 500
# The most words a search looks for.
SEARCH_WORDS = 8
# "@Sam Jones": up to this many words after the @ may be a name.
MENTION_WORDS = 4
_MENTION = re.compile(
    r"(?<![\w@.])@(\w[\w'’.-]*(?:[ \u00a0][\w'’-]+){0," + str(MENTION_WORDS - 1) + r"})"
)


class ThreadError(ValidationError):
    """A change refused for a reason the person can act on; the message says what."""


def is_member(person: User | None, place: Place) -> bool:
    if person is None or not getattr(person, "is_authenticated", False):
        return False
    return memberships_of(place.owner).filter(person=person).exists()


def _require_member(person: User, place: Place) -> None:
    if not is_member(person, place):
        raise ThreadError(_("Only members of this place can do that."), code="not_member")


def _record(thread: Thread, *, actor: User, action: str, summary: str, **values: Any) -> None:
    change_record(
        actor=actor,
        action=action,
        summary=summary,
        subject=thread,
        **thread.place.history_scope(),
        after={"thread": thread.pk, **values},
    )


def render_body(body: str) -> str:
    """Markdown through the one sanitiser."""
    return markdown.render(body)


def _check_body(body: str) -> str:
    body = (body or "").strip()
    if not body:
        raise ThreadError(_("Enter your message."), code="body")
    if len(body) > BODY_MAX_LENGTH:
        raise ThreadError(
            _("Keep your message to %(limit)s characters or fewer.")
            % {"limit": f"{BODY_MAX_LENGTH:,}"},
            code="body",
        )
    return body


# Starting


def thread_start(
    *,
    place: Place,
    author: User,
    title: str,
    body: str,
    kind: str = ThreadKind.DISCUSSION,
    now: datetime | None = None,
) -> Thread:
    """Start a thread (or an update, which is sent to everyone in the place once the
    transaction commits, by one background job)."""
    now = now or timezone.now()
    title = " ".join((title or "").split())
    if not title:
        raise ThreadError(_("Enter a title."), code="title")
    if len(title) > TITLE_MAX_LENGTH:
        raise ThreadError(
            _("Keep the title to %(limit)s characters or fewer.") % {"limit": TITLE_MAX_LENGTH},
            code="title",
        )
    body = _check_body(body)
    if kind not in ThreadKind.values:
        raise ThreadError(_("Choose a kind of thread."), code="kind")
    with transaction.atomic():
        _require_member(author, place)
        is_update = kind == ThreadKind.UPDATE
        thread = Thread.objects.create(
            place=place,
            kind=kind,
            title=title,
            author=author,
            created_at=now,
            last_activity_at=now,
            post_count=1,
            sent_at=now if is_update else None,
        )
        post = Post.objects.create(
            thread=thread,
            is_opening=True,
            author=author,
            body=body,
            html=render_body(body),
            created_at=now,
        )
        ReadMark.objects.create(thread=thread, person=author, read_at=now, read_count=1)
        _mention(post, place=place, now=now)
        if is_update:
            _record(
                thread,
                actor=author,
                action="update_sent",
                summary=f"{author.name} sent the update “{title}” to everyone in {place.name}",
            )
            thread_id = thread.pk
            transaction.on_commit(lambda: update_send_schedule(thread_id), robust=True)
    return thread


# Replies


def _posts_changed(thread_id: int) -> None:
    posts_changed(Thread.objects.filter(pk=thread_id))


def posts_changed(threads: QuerySet[Thread]) -> None:
    """Move the threads' `posts_version`, in the caller's transaction, so their pages'
    kept posts are worked out afresh (threads/display.py)."""
    threads.update(posts_version=F("posts_version") + 1)


def _thread_locked(thread: Thread) -> Thread:
    return Thread.objects.select_for_update().get(pk=thread.pk)


def post_reply(
    *,
    thread: Thread,
    author: User,
    body: str,
    parent: Post | None = None,
    now: datetime | None = None,
) -> Post:
    """Reply to the thread, or to a reply. One level of nesting: a reply to a reply
    joins its top-level reply; a reply to the opening post is a top-level reply."""
    now = now or timezone.now()
    body = _check_body(body)
    with transaction.atomic():
        locked = _thread_locked(thread)
        _require_member(author, thread.place)
        if locked.is_closed:
            raise ThreadError(_("This thread is closed: it takes no more replies."), code="closed")
        if parent is not None:
            if parent.thread_id != thread.pk:
                raise ThreadError(_("Reply to a post in this thread."), code="parent")
            if parent.is_opening:
                parent = None
            elif parent.parent_id is not None:
                parent = Post.objects.get(pk=parent.parent_id)
        post = Post.objects.create(
            thread=thread,
            parent=parent,
            author=author,
            body=body,
            html=render_body(body),
            created_at=now,
        )
        Thread.objects.filter(pk=thread.pk).update(
            post_count=F("post_count") + 1,
            reply_count=F("reply_count") + 1,
            last_activity_at=now,
            posts_version=F("posts_version") + 1,
        )
        # Writing a reply is reading the thread: the one read mark written without the
        # "Mark as read" button (see thread_mark_read).
        ReadMark.objects.update_or_create(
            thread=thread,
            person=author,
            defaults={"read_at": now, "read_count": locked.post_count + 1},
        )
        _mention(post, place=thread.place, now=now)
    thread.refresh_from_db(fields=["post_count", "reply_count", "last_activity_at"])
    return post


def post_edit(*, post: Post, person: User, body: str, now: datetime | None = None) -> Post:
    """Change one's own post; the earlier text is kept as a revision (shown as
    "edited", with a history page for members). People newly named are told."""
    now = now or timezone.now()
    body = _check_body(body)
    with transaction.atomic():
        post = Post.objects.select_for_update().select_related("thread__place").get(pk=post.pk)
        if post.author_id != person.pk:
            raise ThreadError(_("You can only change your own posts."), code="author")
        _require_member(person, post.thread.place)
        if post.is_removed:
            raise ThreadError(_("This post was removed."), code="removed")
        if post.thread.is_closed:
            raise ThreadError(
                _("This thread is closed: posts in it cannot change."), code="closed"
            )
        if body == post.body:
            return post
        Revision.objects.create(
            post=post,
            body=post.body,
            written_at=post.edited_at or post.created_at,
            replaced_at=now,
        )
        post.body = body
        post.html = render_body(body)
        post.edited_at = now
        post.save(update_fields=["body", "html", "edited_at"])
        _posts_changed(post.thread_id)
        _mention(post, place=post.thread.place, now=now)
    return post


def post_remove(*, post: Post, person: User, now: datetime | None = None) -> Post:
    """Remove one's own reply: its words (and earlier versions) go, its place in the
    thread stays, shown as "This reply was removed", so the replies to it still make
    sense. An opening post is not removed: close the thread instead."""
    now = now or timezone.now()
    with transaction.atomic():
        post = Post.objects.select_for_update().select_related("thread__place").get(pk=post.pk)
        if post.author_id != person.pk:
            raise ThreadError(_("You can only remove your own replies."), code="author")
        _require_member(person, post.thread.place)
        if post.is_opening:
            raise ThreadError(
                _("The opening post stays; close the thread instead."), code="opening"
            )
        if post.is_removed:
            return post
        post.body = ""
        post.html = ""
        post.removed_at = now
        post.save(update_fields=["body", "html", "removed_at"])
        post.revisions.all().delete()
        _posts_changed(post.thread_id)
    return post


# Reactions


def reaction_toggle(*, post: Post, person: User, kind: str) -> bool:
    """Add the person's reaction of this kind, or take it back if they had it. Returns
    whether they now have it. The database allows one per person, post and kind."""
    if kind not in ReactionKind.values:
        raise ThreadError(_("Choose a reaction."), code="kind")
    with transaction.atomic():
        _require_member(person, post.thread.place)
        if post.is_removed:
            raise ThreadError(_("This reply was removed."), code="removed")
        deleted, _counts = Reaction.objects.filter(post=post, person=person, kind=kind).delete()
        if deleted:
            _posts_changed(post.thread_id)
            return False
        try:
            with transaction.atomic():
                Reaction.objects.create(post=post, person=person, kind=kind)
        except IntegrityError:
            return True  # the same click twice at once: it is there once
        _posts_changed(post.thread_id)
    return True


# Mentions


def mention_candidates(text: str) -> list[list[str]]:
    """For each @ in `text`, the names it may stand for, longest first ("@Sam Jones
    said" may be "Sam Jones said", "Sam Jones" or "Sam")."""
    found = []
    for match in _MENTION.finditer(text or ""):
        words = match.group(1).replace("\u00a0", " ").split(" ")
        names = []
        for count in range(len(words), 0, -1):
            name = " ".join(words[:count]).rstrip(".,;:!?’'-").lower()
            if name:
                names.append(name)
        found.append(names)
    return found


def mentioned_members(place: Place, text: str) -> list[User]:
    """The members of `place` that `text` names with @: "@Display Name", or the name
    written without spaces ("@SamJones"), in any case. Never anyone outside the place.
    One query, however many members the place has."""
    candidates = mention_candidates(text)
    every = {name for names in candidates for name in names}
    if not every:
        return []
    memberships = (
        memberships_of(place.owner)
        .annotate(
            lower_name=Lower("person__display_name"),
            handle=Replace(Lower("person__display_name"), Value(" "), Value("")),
        )
        .filter(Q(lower_name__in=every) | Q(handle__in=every), person__is_active=True)
        .select_related("person")
    )
    by_name: dict[str, User] = {}
    for membership in memberships:
        by_name.setdefault(membership.lower_name, membership.person)
        by_name.setdefault(membership.handle, membership.person)
    people: dict[int, User] = {}
    for names in candidates:
        person = next((by_name[name] for name in names if name in by_name), None)
        if person is not None:
            people[person.pk] = person
    return list(people.values())


def _mention(post: Post, *, place: Place, now: datetime) -> list[User]:
    """Record and tell the members newly named in `post` (not its author, and not
    anyone already told about this post)."""
    named = [p for p in mentioned_members(place, post.body) if p.pk != post.author_id]
    already = set(Mention.objects.filter(post=post).values_list("person_id", flat=True))
    new = [person for person in named if person.pk not in already]
    Mention.objects.bulk_create(Mention(post=post, person=p, created_at=now) for p in new)
    thread = post.thread
    # The permalink finds the page the post is on when it is opened (replies are paged).
    url = reverse("threads:post", args=[place.pk, thread.pk, post.pk])
    for person in new:
        notification_send(
            kind="thread_mention",
            person=person,
            context={"thread": thread, "post": post, "place": place, "author": post.author},
            url=url,
            now=now,
        )
    return new


# Reading


def thread_mark_read(*, thread: Thread, person: User, now: datetime | None = None) -> ReadMark:
    """Record that `person` has read `thread` as far as it goes now.

    Loomio marks a thread read when it is viewed; here a GET never writes (so a page
    can be fetched, prefetched or retried safely). A thread is marked read instead
    (1) when the person starts it, replies or posts in it, and (2) by a POST: the
    "Mark as read" button on the thread page, which with JavaScript the page also sends
    by itself once it has been open a few seconds. Without JavaScript nothing is lost:
    unread posts stay marked "New" until the person says they have read them.
    """
    now = now or timezone.now()
    with transaction.atomic():
        _require_member(person, thread.place)
        count = Thread.objects.filter(pk=thread.pk).values_list("post_count", flat=True).get()
        mark, _created = ReadMark.objects.update_or_create(
            thread=thread, person=person, defaults={"read_at": now, "read_count": count}
        )
    return mark


# Pinning and closing (any member: power is shared)


def thread_pin(*, thread: Thread, person: User, pinned: bool) -> Thread:
    with transaction.atomic():
        locked = _thread_locked(thread)
        _require_member(person, thread.place)
        if locked.pinned == pinned:
            return locked
        locked.pinned = pinned
        locked.save(update_fields=["pinned"])
        locked.place = thread.place
        _record(
            locked,
            actor=person,
            action="thread_pinned" if pinned else "thread_unpinned",
            summary=f"{person.name} {'pinned' if pinned else 'unpinned'} the thread "
            f"“{locked.title}”",
        )
    return locked


def thread_close(
    *, thread: Thread, person: User, closed: bool, now: datetime | None = None
) -> Thread:
    """Close a thread (it takes no more replies; who and when are shown) or open it
    again."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = _thread_locked(thread)
        _require_member(person, thread.place)
        if locked.is_closed == closed:
            return locked
        locked.closed_at = now if closed else None
        locked.closed_by = person if closed else None
        locked.save(update_fields=["closed_at", "closed_by"])
        locked.place = thread.place
        _record(
            locked,
            actor=person,
            action="thread_closed" if closed else "thread_reopened",
            summary=f"{person.name} {'closed' if closed else 'reopened'} the thread "
            f"“{locked.title}”",
        )
    return locked


# What a thread becomes


def _opening(thread: Thread) -> Post:
    return thread.posts.get(is_opening=True)


def _from_thread_text(thread: Thread) -> str:
    url = reverse("threads:detail", args=[thread.place_id, thread.pk])
    return _("This started in the thread “%(title)s” (%(url)s).") % {
        "title": thread.title,
        "url": url,
    }


def thread_make_decision(*, thread: Thread, person: User, now: datetime | None = None) -> Any:
    """A proposal in the same place, talked through for a week before responses open
    (so nobody is rushed), carrying a link back to the thread; the thread links to it.
    Doing it again leads to the same decision."""
    from levelfield.decisions.models import Method
    from levelfield.decisions.services import decision_create

    now = now or timezone.now()
    with transaction.atomic():
        locked = _thread_locked(thread)
        _require_member(person, thread.place)
        if locked.decision_id:
            return locked.decision
        opening = _opening(thread)
        opens_at = now + timedelta(days=7)
        days = max(7, thread.place.collective.minimum_decision_days)
        decision = decision_create(
            created_by=person,
            method=Method.PROPOSAL,
            title=thread.title,
            background=f"{opening.body or ''}\n\n{_from_thread_text(thread)}".strip(),
            opens_at=opens_at,
            closes_at=opens_at + timedelta(days=days),
            has_discussion=True,
            place=thread.place,
            now=now,
        )
        locked.decision = decision
        locked.save(update_fields=["decision"])
        locked.place = thread.place
        _record(
            locked,
            actor=person,
            action="thread_made_decision",
            summary=f"{person.name} made the thread “{thread.title}” a decision",
            decision=decision.pk,
        )
    thread.decision = decision
    return decision


def thread_make_document(*, thread: Thread, person: User, now: datetime | None = None) -> Any:
    """A document in the same place, its draft text the opening post, open for comments
    for four weeks, carrying a link back to the thread. Doing it again leads to the
    same document."""
    from levelfield.documents.services import document_start

    now = now or timezone.now()
    today = timezone.localdate(now)
    with transaction.atomic():
        locked = _thread_locked(thread)
        _require_member(person, thread.place)
        if locked.document_id:
            return locked.document
        opening = _opening(thread)
        document = document_start(
            started_by=person,
            place=thread.place,
            title=thread.title,
            purpose=_from_thread_text(thread),
            text=opening.body or thread.title,
            opens_on=today,
            closes_on=today + timedelta(days=28),
            now=now,
        )
        locked.document = document
        locked.save(update_fields=["document"])
        locked.place = thread.place
        _record(
            locked,
            actor=person,
            action="thread_made_document",
            summary=f"{person.name} made the thread “{thread.title}” a document",
            document=document.pk,
        )
    thread.document = document
    return document


# Search


def thread_search(threads: QuerySet[Thread], text: str) -> QuerySet[Thread]:
    """Threads whose title or posts hold any of the words, those holding all of them
    first, then the most recently active."""
    words = [word for word in (text or "").split() if word][:SEARCH_WORDS]
    if not words:
        return threads.none()

    def holds(word: str) -> Q:
        in_posts = Exists(Post.objects.filter(thread=OuterRef("pk"), body__icontains=word))
        return Q(title__icontains=word) | Q(in_posts)

    any_word = Q()
    all_words = Q()
    for word in words:
        any_word |= holds(word)
        all_words &= holds(word)
    return (
        threads.filter(any_word)
        .annotate(
            has_all=Case(
                When(all_words, then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            )
        )
        .order_by("-has_all", "-last_activity_at", "-pk")
    )


# Updates: sent to everyone in the place, in batches, once each


def update_send_schedule(thread_id: int) -> None:
    from levelfield.threads import tasks

    tasks.update_send_task.enqueue(thread_id)


def update_send(*, thread_id: int, batch_size: int | None = None) -> int:
    """Email the update to every member who has not had it yet, a batch at a time.
    Returns how many it sent to. Each batch locks the thread, so two workers running
    the same job take turns, and the `Delivery` pair is unique, so nobody gets it
    twice however often the job runs. The author is not sent their own update."""
    batch_size = batch_size or UPDATE_BATCH_SIZE
    sent = 0
    while True:
        count = _update_send_batch(thread_id, batch_size)
        if not count:
            return sent
        sent += count


def _still_to_send(thread: Thread) -> QuerySet:
    """The memberships of the people in the update's place who have not had it yet
    (active, not its author): who the sending job works through."""
    return (
        memberships_of(thread.place.owner)
        .filter(person__is_active=True)
        .exclude(person_id=thread.author_id)
        .exclude(person_id__in=Delivery.objects.filter(thread=thread).values("person_id"))
    )


@dataclass(frozen=True)
class UpdateReach:
    """How far an update has gone: `sent` people had it, out of `total`."""

    sent: int
    total: int

    @property
    def is_done(self) -> bool:
        return self.sent >= self.total

    def __str__(self) -> str:
        """'Sent to 1,200 of 10,000 people', or 'Sent to everyone' once done."""
        if self.is_done:
            return _("Sent to everyone")
        return ngettext(
            "Sent to %(sent)s of %(total)s person",
            "Sent to %(sent)s of %(total)s people",
            self.total,
        ) % {"sent": f"{self.sent:,}", "total": f"{self.total:,}"}


def update_reach(*, thread: Thread) -> UpdateReach:
    """ "Sent to N of M" while the batched job works: N is the thread's kept count and M
    adds who is still waiting, in one count query however many people there are."""
    waiting = _still_to_send(thread).count()
    return UpdateReach(sent=thread.sent_count, total=thread.sent_count + waiting)


def _update_send_batch(thread_id: int, batch_size: int) -> int:
    with transaction.atomic():
        thread = (
            Thread.objects.select_for_update(of=("self",))
            .select_related("place__collective", "place__project", "author")
            .filter(pk=thread_id, kind=ThreadKind.UPDATE)
            .first()
        )
        if thread is None:
            return 0
        person_ids = list(
            _still_to_send(thread)
            .order_by("person_id")
            .values_list("person_id", flat=True)[:batch_size]
        )
        if not person_ids:
            return 0
        Delivery.objects.bulk_create(Delivery(thread=thread, person_id=pk) for pk in person_ids)
        opening = _opening(thread)
        url = reverse("threads:detail", args=[thread.place_id, thread.pk])
        context = {
            "thread": thread,
            "post": opening,
            "place": thread.place,
            "author": thread.author,
        }
        notifications_send_each(
            kind="place_update",
            people=User.objects.filter(pk__in=person_ids).order_by("pk"),
            context_for=lambda person: context,
            url=url,
        )
        Thread.objects.filter(pk=thread.pk).update(sent_count=F("sent_count") + len(person_ids))
        return len(person_ids)
