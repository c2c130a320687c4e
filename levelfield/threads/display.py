"""A thread's posts as HTML, rendered once for what they show and kept.

The posts of a page of a thread (their rows, authors' names and reaction counts, with
how many top-level replies there are) are read once per `Thread.posts_version`, which
every change to them moves, and kept (`lib/cache.versioned_many`), with each viewer's own
reactions on that page beside them: a page opened again reads no posts, only the cache.

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
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, NamedTuple

from django.core.paginator import Page
from django.db.models import Count, Prefetch
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe

from levelfield.lib import cache, words
from levelfield.lib.paging import page_or_404
from levelfield.people.models import User
from levelfield.places.models import Place
from levelfield.threads.models import Post, Reaction, ReactionKind, Thread

# Keys never go stale (they hold what is shown); a day lets unused entries go.
KEPT_SECONDS = 24 * 60 * 60
# A page's posts kept per the thread's posts_version (their authors' names are read per
# request: a renamed author shows at once); an hour lets unused pages go.
PAGE_SECONDS = 60 * 60
# Top-level replies on one page of a thread (each with its own replies).
REPLIES_PER_PAGE = 25
# What a post on a thread's page shows (not its markdown source).
_POST_SHOWN = (
    "thread_id",
    "parent_id",
    "is_opening",
    "author_id",
    "html",
    "created_at",
    "edited_at",
    "removed_at",
)


class Author(NamedTuple):
    """A post's author as the page shows them (their name only)."""

    name: str


@dataclass(eq=False)
class ShownPost:
    """A post as its thread's page shows it, kept without the rest of its row; its
    author's name and the viewer's part (annotate) and the rendering's (_prepare) are set
    on it per request."""

    pk: int
    parent_id: int | None
    is_opening: bool
    author_id: int | None
    html: str
    created_at: datetime
    edited_at: datetime | None
    removed_at: datetime | None
    reaction_counts: tuple[int, ...] = ()
    children: list[ShownPost] = field(default_factory=list)

    @property
    def is_removed(self) -> bool:
        return self.removed_at is not None


def _shown(post: Post) -> ShownPost:
    return ShownPost(
        pk=post.pk,
        parent_id=post.parent_id,
        is_opening=post.is_opening,
        author_id=post.author_id,
        html=post.html,
        created_at=post.created_at,
        edited_at=post.edited_at,
        removed_at=post.removed_at,
    )


class ThreadPage(NamedTuple):
    """What a page of a thread shows of its posts, kept per the thread's posts_version."""

    count: int  # top-level replies in the whole thread (for the pager)
    opening: ShownPost | None
    replies: list[ShownPost]  # this page's top-level replies, each with its children


def _posts(page: ThreadPage) -> list[ShownPost]:
    top = [page.opening] if page.opening else []
    return [*top, *(post for reply in page.replies for post in [reply, *reply.children])]


def _read_page(request: HttpRequest, thread: Thread) -> ThreadPage:
    """The page of the thread's posts asked for in ?page= (404 past the end), with
    their reaction counts: five queries."""
    posts = Post.objects.only(*_POST_SHOWN)
    opening = posts.filter(thread=thread, is_opening=True).first()
    replies = (
        posts.filter(thread=thread, parent__isnull=True, is_opening=False)
        .prefetch_related(Prefetch("children", queryset=posts.order_by("created_at", "pk")))
        .order_by("created_at", "pk")
    )
    page = page_or_404(request, replies, REPLIES_PER_PAGE)
    top = []
    for reply in page.object_list:
        shown = _shown(reply)
        shown.children = [_shown(child) for child in reply.children.all()]
        top.append(shown)
    kept = ThreadPage(page.paginator.count, _shown(opening) if opening else None, top)
    shown_posts = _posts(kept)
    counts: dict[int, dict[str, int]] = {}
    for post_id, kind, count in (
        Reaction.objects.filter(post_id__in=[post.pk for post in shown_posts])
        .values("post_id", "kind")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("post_id", "kind", "n")
    ):
        counts.setdefault(post_id, {})[kind] = count
    kinds = ReactionKind.values
    for post in shown_posts:
        post_counts = counts.get(post.pk, {})
        post.reaction_counts = tuple(post_counts.get(kind, 0) for kind in kinds)
    return kept


def _my_reactions(page: ThreadPage, person: User) -> dict[int, tuple[str, ...]]:
    """The person's own reactions on the page's posts (one query)."""
    mine: dict[int, list[str]] = {}
    for post_id, kind in Reaction.objects.filter(
        post_id__in=[post.pk for post in _posts(page)], person=person
    ).values_list("post_id", "kind"):
        mine.setdefault(post_id, []).append(kind)
    return {post_id: tuple(sorted(kinds)) for post_id, kinds in mine.items()}


def thread_page(
    request: HttpRequest, thread: Thread, read_at: datetime | None
) -> tuple[Page, ShownPost | None, list[ShownPost]]:
    """The page of the thread's replies asked for in ?page= (404 past the end), its
    opening post and its top-level replies (each with `children`), annotated for the
    person. The posts and the person's reactions on them are kept per the thread's
    posts_version and the page asked for, read in one round trip to the cache; their
    authors' names are read afresh (one query), so a new name shows at once."""
    person = request.user
    asked = request.GET.get("page", "1")
    version = (thread.pk, thread.posts_version, asked if asked == "last" else _number(asked))
    kept = cache.versioned_many(
        [
            ("threads:page", version, lambda _values: _read_page(request, thread)),
            (
                "threads:mine",
                (*version, person.pk),
                lambda values: _my_reactions(values["threads:page"], person),
            ),
        ],
        seconds=PAGE_SECONDS,
    )
    shown: ThreadPage = kept["threads:page"]
    # The pager from the kept count (no COUNT query); the same page `_read_page` chose.
    page = page_or_404(request, range(shown.count), REPLIES_PER_PAGE, count=shown.count)
    posts = _posts(shown)
    names = {
        author.pk: Author(author.name)
        for author in User.objects.filter(
            pk__in={post.author_id for post in posts if post.author_id}
        ).only("display_name", "email")
    }
    for post in posts:
        post.author = names.get(post.author_id)
    annotate(posts, person, read_at, kept["threads:mine"])
    return page, shown.opening, shown.replies


def _number(asked: str) -> int:
    """?page= as the pager reads it: a number, or 1 when it is not one."""
    try:
        return int(asked)
    except ValueError:
        return 1


def annotate(
    posts: list[ShownPost], person: User, read_at: Any, mine: dict[int, tuple[str, ...]]
) -> None:
    """What each post on one page shows for the person: their own reactions, whether it
    is new to them and whether it is theirs. All of it goes into the blocks' keys."""
    for post in posts:
        post.reactions_mine = mine.get(post.pk, ())
        post.is_new = read_at is None or (post.created_at > read_at)
        post.is_yours = post.author_id == person.pk


def _state(post: ShownPost) -> tuple[object, ...]:
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


def _prepare(posts: Iterable[ShownPost], thread: Thread) -> None:
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
    thread: Thread, posts: list[ShownPost], template_name: str, context: dict[str, Any]
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
    token: str,
    thread: Thread,
    opening: ShownPost | None,
    replies: list[ShownPost],
    reply_url: str,
) -> None:
    """Set `shown` on the opening post and on each top-level reply (with its own
    replies, `children`, and its reply form): their HTML with this
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
                [reply, *reply.children],
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
