"""A thread's posts as HTML, rendered once for what they show and kept.

A long thread's page shows about fifty posts, each with its reactions, links and a
reply form: rendering them was about two thirds of the page's time, and comes out the
same for every member who sees the posts alike. So the opening post, and each top-level
reply with its own replies and its reply form, is rendered once for a digest of
everything it shows and kept (`lib/cache.digested_many`). The digest holds the posts' text,
authors' names, times and reaction counts, whether the thread is closed, and the
viewer's part: which posts are new to them, which reactions are theirs and which posts
are theirs. A change to any of these is a new key, so a kept block is never stale and
needs no invalidation; members who see a block alike share it, and nobody is shown
anything but what the page would have rendered for them.

A place's list of threads is kept the same way, a row per thread with its count of
posts new to the person.

The one part that differs per request, the CSRF token in each form, is never kept: a
block is rendered with a random stand-in for the token, split there, and each request
joins its own token in.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Iterable
from typing import Any

from django.db.models import Count, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe

from levelfield.lib import cache, words
from levelfield.people.models import User
from levelfield.places.models import Place
from levelfield.threads.models import Post, Reaction, ReactionKind, Thread

# Keys never go stale (they hold what is shown); a day lets unused entries go.
KEPT_SECONDS = 24 * 60 * 60


def annotate(posts: list[Post], person: User, read_at: Any) -> None:
    """What each post on one page shows that is not in its row: its reaction counts and
    the person's own reactions (one query for the page), whether it is new to the
    person and whether it is theirs. All of it goes into the blocks' keys."""
    ids = [post.pk for post in posts]
    counts: dict[int, dict[str, int]] = {}
    mine: dict[int, set[str]] = {}
    for post_id, kind, count, own in (
        Reaction.objects.filter(post_id__in=ids)
        .values("post_id", "kind")
        .annotate(n=Count("pk"), own=Count("pk", filter=Q(person=person)))
        .order_by()
        .values_list("post_id", "kind", "n", "own")
    ):
        counts.setdefault(post_id, {})[kind] = count
        if own:
            mine.setdefault(post_id, set()).add(kind)
    kinds = ReactionKind.values
    for post in posts:
        post_counts = counts.get(post.pk, {})
        post.reaction_counts = tuple(post_counts.get(kind, 0) for kind in kinds)
        post.reactions_mine = tuple(sorted(mine.get(post.pk, ())))
        post.is_new = read_at is None or (post.created_at > read_at)
        post.is_yours = post.author_id == person.pk


def _state(post: Post) -> tuple[object, ...]:
    """Everything of `post` that its HTML shows (see annotate)."""
    return (
        post.pk,
        post.parent_id,
        post.is_opening,
        post.author.name if post.author else None,
        post.html,
        post.created_at,
        post.edited_at,
        post.removed_at,
        post.reaction_counts,
        post.reactions_mine,
        post.is_new,
        post.is_yours,
    )


def _prepare(posts: Iterable[Post], thread: Thread) -> None:
    """What the post template shows worked out for `posts` (only when rendering)."""
    base = reverse("threads:detail", args=[thread.place_id, thread.pk])
    labels = ReactionKind.choices
    for post in posts:
        post.reactions_shown = [
            {"kind": kind, "label": label, "count": count, "mine": kind in post.reactions_mine}
            for (kind, label), count in zip(labels, post.reaction_counts, strict=True)
        ]
        post.when = words.when(post.created_at.replace(second=0, microsecond=0))
        post.url = f"{base}posts/{post.pk}/"


def _block(
    thread: Thread, posts: list[Post], template_name: str, context: dict[str, Any]
) -> tuple[tuple[object, ...], Callable[[], list[str]]]:
    """What `template_name` shows for `posts`, and how to render it split at the CSRF
    token (the kept pieces; see the module's docstring)."""

    def render() -> list[str]:
        _prepare(posts, thread)
        stand_in = secrets.token_hex(16)
        html = render_to_string(
            template_name, {**context, "thread": thread, "csrf_token": stand_in}
        )
        return html.split(stand_in)

    shown = (template_name, thread.pk, thread.place_id, thread.is_closed, *map(_state, posts))
    return shown, render


def posts_html(
    token: str, thread: Thread, opening: Post | None, replies: list[Post], reply_url: str
) -> None:
    """Set `shown` on the opening post and on each top-level reply (with its own
    replies, prefetched as `children`, and its reply form): their HTML with this
    request's CSRF `token` joined in (see the module's docstring)."""
    holders: list[Post] = []
    blocks = []
    if opening is not None:
        holders.append(opening)
        blocks.append(
            _block(
                thread, [opening], "threads/includes/post.html", {"post": opening, "heading": "h2"}
            )
        )
    for reply in replies:
        holders.append(reply)
        blocks.append(
            _block(
                thread,
                [reply, *reply.children.all()],
                "threads/includes/reply.html",
                {"reply": reply, "reply_url": reply_url},
            )
        )
    kept = cache.digested_many("threads:posts", blocks, seconds=KEPT_SECONDS)
    for holder, pieces in zip(holders, kept, strict=True):
        holder.shown = mark_safe(token.join(pieces))  # noqa: S308 -- escaped by the template


def thread_rows_html(place: Place, threads: list[Thread]) -> None:
    """Set `shown` on each thread of a page of a place's list: its row, `thread.unread`
    included (the list's part that differs per person), kept for a digest of what it
    shows like the posts above: 25 rows with their tags, counts and times were most of
    the list's rendering."""

    def row(thread: Thread) -> tuple[tuple[object, ...], Callable[[], str]]:
        shown = (
            place.pk,
            thread.pk,
            thread.title,
            thread.kind,
            thread.pinned,
            thread.closed_at is not None,
            thread.author.name if thread.author else None,
            thread.reply_count,
            thread.last_activity_at,
            thread.unread,
        )
        context = {"place": place, "thread": thread}
        return shown, lambda: render_to_string("threads/includes/thread_row.html", context)

    kept = cache.digested_many("threads:row", [row(t) for t in threads], seconds=KEPT_SECONDS)
    for thread, html in zip(threads, kept, strict=True):
        thread.shown = mark_safe(html)  # noqa: S308 -- escaped by the template
