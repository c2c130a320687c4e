"""A place's threads at data scale, as a member: 2,000 threads (the list, pinned first,
with each person's unread counts; a search), and one thread with 1,000 replies (paged
25 top-level replies at a time, some with replies of their own and reactions; its first
and newest pages).

Run by bench/run.py inside a throwaway database. Threads and posts are bulk-inserted
with the counts `thread_start` and `post_reply` keep (the services would measure the
set-up). Each page is also fetched for a collective with 5 threads and 5 replies, so
the table shows that the number of queries does not grow with the data.
"""

from __future__ import annotations

import datetime
import random

from bench_common import Row
from bench_django import time_page
from bench_pages import _row, _shows, people_add
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from levelfield.collectives.models import CollectiveKind
from levelfield.collectives.services import collective_create
from levelfield.places.models import PlaceMembership
from levelfield.threads.models import Post, Reaction, ReactionKind, ReadMark, Thread

THREADS = 2_000
REPLIES = 1_000
FEW = 5
SEED = 20_261_205
BODY = "We met, **talked** and agreed to meet again. What do you think about the bus fares?"


def _place_make(prefix: str, threads: int, replies: int, rng: random.Random) -> tuple:
    people = people_add(prefix, 12, rng)
    author, *others = people
    collective = collective_create(
        name=f"Bench threads {prefix}",
        kind=CollectiveKind.COLLECTIVE,
        description="People timing the threads.",
        created_by=author,
    )
    PlaceMembership.objects.bulk_create(
        PlaceMembership(place=collective.own_place, person=person) for person in others
    )
    place = collective.places.get(kind="collective")
    now = timezone.now()
    made = Thread.objects.bulk_create(
        Thread(
            place=place,
            title=f"Thread {n}: {'bus fares' if n % 3 else 'meeting times'}",
            author=rng.choice(people),
            created_at=now - datetime.timedelta(hours=n),
            last_activity_at=now - datetime.timedelta(hours=n),
            post_count=1 + (replies if n == 0 else 0),
            reply_count=replies if n == 0 else 0,
            pinned=n in (5, 9),
        )
        for n in range(threads)
    )
    Post.objects.bulk_create(
        Post(thread=thread, is_opening=True, author=thread.author, body=BODY, html=BODY)
        for thread in made
    )
    busy = made[0]
    top = Post.objects.bulk_create(
        Post(
            thread=busy,
            author=rng.choice(people),
            body=f"Reply {n}",
            html=f"<p>Reply {n}</p>",
            created_at=now - datetime.timedelta(days=30) + datetime.timedelta(minutes=n),
        )
        for n in range(replies * 4 // 5)
    )
    Post.objects.bulk_create(
        Post(
            thread=busy,
            parent=top[n % len(top)],
            author=rng.choice(people),
            body="Agreed.",
            html="<p>Agreed.</p>",
            created_at=now - datetime.timedelta(days=29) + datetime.timedelta(minutes=n),
        )
        for n in range(replies - len(top))
    )
    Reaction.objects.bulk_create(
        (
            Reaction(post=post, person=person, kind=rng.choice(ReactionKind.values))
            for post in top
            for person in rng.sample(people, 3)
        ),
        ignore_conflicts=True,
    )
    ReadMark.objects.bulk_create(
        ReadMark(thread=thread, person=author, read_count=1) for thread in made[::2]
    )
    return author, place, busy


def thread_pages() -> list[Row]:
    rng = random.Random(SEED)
    author, place, busy = _place_make("thr", THREADS, REPLIES, rng)
    few_author, few_place, few_busy = _place_make("fewthr", FEW, FEW, rng)
    client, few_client = Client(), Client()
    client.force_login(author)
    few_client.force_login(few_author)
    pages = [
        (
            "threads:place_list",
            reverse("threads:place_list", args=[place.pk]),
            reverse("threads:place_list", args=[few_place.pk]),
            "Thread 1",
        ),
        (
            "threads:place_list, search",
            reverse("threads:place_list", args=[place.pk]) + "?q=bus+talked",
            reverse("threads:place_list", args=[few_place.pk]) + "?q=bus+talked",
            "found for",
        ),
        (
            "threads:detail, 1,000 replies",
            reverse("threads:detail", args=[place.pk, busy.pk]),
            reverse("threads:detail", args=[few_place.pk, few_busy.pk]),
            "Replies",
        ),
        (
            "threads:detail, newest page",
            reverse("threads:detail", args=[place.pk, busy.pk]) + "?page=last",
            reverse("threads:detail", args=[few_place.pk, few_busy.pk]) + "?page=last",
            "Replies",
        ),
    ]
    rows = []
    for label, url, few_url, text in pages:
        big = time_page(client, url, check=_shows(text))
        small = time_page(few_client, few_url, check=_shows(text))
        rows.append(_row(label, THREADS, big, small))
    return rows
