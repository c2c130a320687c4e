"""Threads for `manage.py seed_scale`: in the big project, many threads (bulk-inserted
with their opening posts and counts, as `thread_start` writes them) and one thread with
1,000 replies at the large size (some nested, some with reactions)."""

from __future__ import annotations

import random
from datetime import timedelta

from django.utils import timezone

from levelfield.lib.scale import batches, scaled
from levelfield.people.scale import people_in_order
from levelfield.places.models import PlaceMembership
from levelfield.projects.scale import big_project
from levelfield.threads.models import Post, Reaction, ReactionKind, Thread
from levelfield.threads.services import render_body

THREADS = 2_000
REPLIES = 1_000
BUSY_TITLE = "The busiest thread"
WORDS = ["pay", "time", "travel", "care", "meeting", "papers", "fair", "week", "bus", "tea"]


def _text(rng: random.Random, words: int = 20) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def scale_seed(*, size: str, rng: random.Random) -> None:
    project = big_project()
    place = project.place
    members = (
        list(
            PlaceMembership.objects.of_project(project)
            .order_by("person_id")
            .values_list("person_id", flat=True)[:200]
        )
        or people_in_order()[:50]
    )
    now = timezone.now()
    count = scaled(size, THREADS, least=20)
    threads = [
        Thread(
            place=place,
            title=f"Thread {n + 1}: {_text(rng, 5)}",
            author_id=members[n % len(members)],
            created_at=now - timedelta(minutes=n),
            last_activity_at=now - timedelta(minutes=n),
            post_count=1,
        )
        for n in range(count)
    ]
    for batch in batches(threads, 1_000):
        Thread.objects.bulk_create(batch)
    made = list(Thread.objects.in_place(place).order_by("pk").values_list("pk", flat=True))
    body = _text(rng)
    posts = [
        Post(
            thread_id=pk, is_opening=True, author_id=members[0], body=body, html=render_body(body)
        )
        for pk in made
    ]
    for batch in batches(posts, 1_000):
        Post.objects.bulk_create(batch)
    replies = scaled(size, REPLIES, least=20)
    busy = Thread.objects.create(
        place=place,
        title=BUSY_TITLE,
        author_id=members[0],
        post_count=replies + 1,
        reply_count=replies,
        created_at=now - timedelta(days=30),
        last_activity_at=now,
    )
    Post.objects.create(
        thread=busy, is_opening=True, author_id=members[0], body=body, html=render_body(body)
    )
    top = [
        Post(
            thread=busy,
            author_id=members[n % len(members)],
            body=(text := _text(rng)),
            html=render_body(text),
            created_at=now - timedelta(days=30) + timedelta(minutes=n),
        )
        for n in range(replies * 4 // 5)
    ]
    Post.objects.bulk_create(top)
    tops = list(busy.posts.filter(is_opening=False).order_by("pk").values_list("pk", flat=True))
    nested = [
        Post(
            thread=busy,
            parent_id=tops[n % len(tops)],
            author_id=members[(n + 1) % len(members)],
            body=body,
            html=render_body(body),
            created_at=now - timedelta(days=29) + timedelta(minutes=n),
        )
        for n in range(replies - len(top))
    ]
    Post.objects.bulk_create(nested)
    kinds = ReactionKind.values
    Reaction.objects.bulk_create(
        [
            Reaction(post_id=pk, person_id=members[n % len(members)], kind=kinds[n % len(kinds)])
            for n, pk in enumerate(tops[:500])
        ],
        ignore_conflicts=True,
    )
