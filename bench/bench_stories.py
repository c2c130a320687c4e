"""The collective's public pages at data scale, as a visitor with no account: 2,000
published stories with tags, 200 upcoming public events, and one story with 1,000
comments (paged 50 at a time) — the public home (with its fragment cache off, and
on), a story page, its easy-read version (8 points with pictures), the list of stories
and the Atom feed. Every story also has a member's Welsh translation, and the story
page and the list are timed again for a reader who reads Welsh: one query more at most
(issue 28).

Run by bench/run.py inside a throwaway database. Stories, comments and events are
bulk-inserted (the services, with their history, would measure the set-up). Each page
is also fetched for a collective with 5 of everything, so the table shows that the
number of queries does not grow with the data.
"""

from __future__ import annotations

import datetime
import random

from bench_common import Row
from bench_django import time_page
from bench_pages import _row, _shows, people_add
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from levelfield.collectives.models import CollectiveKind
from levelfield.collectives.services import collective_create
from levelfield.easyread.models import EasyReadPoint, EasyReadVersion
from levelfield.events.models import Audience, Event
from levelfield.places.models import PlaceMembership
from levelfield.stories.models import Comment, Story, Tag
from levelfield.translations import registry
from levelfield.translations.models import Translation

STORIES = 2_000
COMMENTS = 1_000
EVENTS = 200
FEW = 5
SEED = 20_261_212
STORY_FIELDS = ("title", "summary", "body")  # the stories' Translatable's fields
NO_CACHE = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}


def _collective_make(prefix: str, size: int, rng: random.Random) -> tuple[str, str]:
    people = people_add(prefix, 12, rng)
    author, *others = people
    collective = collective_create(
        name=f"Bench stories {prefix}",
        kind=CollectiveKind.COLLECTIVE,
        description="People timing the public pages.",
        created_by=author,
    )
    PlaceMembership.objects.bulk_create(
        PlaceMembership(place=collective.own_place, person=person) for person in others
    )
    now = timezone.now()
    tags = Tag.objects.bulk_create(
        Tag(collective=collective, name=f"Topic {n}", slug=f"topic-{n}") for n in range(12)
    )
    stories = Story.objects.bulk_create(
        Story(
            collective=collective,
            title=f"Story {number}",
            slug=f"story-{number}",
            summary="What we did together, in a sentence or two.",
            body="## What we did\n\nWe met, **talked** and changed the study.\n\n" * 5,
            author=rng.choice(people),
            created_at=now - datetime.timedelta(hours=number),
            updated_at=now - datetime.timedelta(hours=number),
            published_at=now - datetime.timedelta(hours=number + 1),
            comment_count=min(size, COMMENTS) if number == 0 else 0,
        )
        for number in range(size)
    )
    Story.tags.through.objects.bulk_create(
        Story.tags.through(story=story, tag=tag)
        for story in stories
        for tag in rng.sample(tags, 3)
    )
    Comment.objects.bulk_create(
        Comment(
            story=stories[0],
            author=rng.choice(people),
            text="Thank you for writing this.",
            created_at=now - datetime.timedelta(minutes=number),
            published_at=now - datetime.timedelta(minutes=number),
        )
        for number in range(min(size, COMMENTS))
    )
    story_type = ContentType.objects.get_for_model(Story)
    Translation.objects.bulk_create(
        Translation(
            content_type=story_type,
            object_id=story.pk,
            language="cy",
            text={
                "title": f"Stori {number}",
                "summary": "Beth wnaethom ni gyda'n gilydd, mewn brawddeg neu ddwy.",
                "body": "## Beth wnaethom ni\n\nFe wnaethom gyfarfod a newid yr astudiaeth.\n",
            },
            source_digest=registry.digest(story, STORY_FIELDS),
            translated_by=author,
        )
        for number, story in enumerate(stories)
    )
    # The newest story's easy-read version: 8 points, each with a built-in picture.
    version = EasyReadVersion.objects.create(
        content_type=story_type,
        object_id=stories[0].pk,
        source_digest=registry.digest(stories[0], STORY_FIELDS),
        written_by=author,
        written_at=now,
    )
    EasyReadPoint.objects.bulk_create(
        EasyReadPoint(
            version=version,
            position=number,
            text="We met and talked about the study.",
            picture="people",
            alt="People together",
        )
        for number in range(8)
    )
    own_place = collective.places.get(kind="collective")
    Event.objects.bulk_create(
        Event(
            place=own_place,
            title=f"Cuppa {number}",
            audience=Audience.ANYONE,
            starts_at=now + datetime.timedelta(days=number + 1),
            ends_at=now + datetime.timedelta(days=number + 1, hours=1),
        )
        for number in range(min(size, EVENTS))
    )
    return collective.slug, stories[0].slug


def _pk(slug: str, story_slug: str) -> int:
    return Story.objects.get(collective__slug=slug, slug=story_slug).pk


def _pages(slug: str, story_slug: str, few_slug: str, few_story: str) -> list[tuple]:
    return [
        (
            "stories:home",
            reverse("stories:home", args=[slug]),
            reverse("stories:home", args=[few_slug]),
            "Latest stories",
        ),
        (
            "stories:story, 1,000 comments",
            reverse("stories:story", args=[slug, story_slug]),
            reverse("stories:story", args=[few_slug, few_story]),
            "Comments",
        ),
        (
            "easyread:page, a story's 8 points",
            reverse("easyread:page", args=["stories-story", _pk(slug, story_slug)]),
            reverse("easyread:page", args=["stories-story", _pk(few_slug, few_story)]),
            "People together",
        ),
        (
            "stories:list",
            reverse("stories:list", args=[slug]),
            reverse("stories:list", args=[few_slug]),
            "Story 1",
        ),
        (
            "stories:feed",
            reverse("stories:feed", args=[slug]),
            reverse("stories:feed", args=[few_slug]),
            "<entry>",
        ),
    ]


def story_pages() -> list[Row]:
    rng = random.Random(SEED)
    slug, story_slug = _collective_make("sto", STORIES, rng)
    few_slug, few_story = _collective_make("fewsto", FEW, rng)
    visitor = Client()
    rows = []
    with override_settings(CACHES=NO_CACHE):
        for label, url, few_url, text in _pages(slug, story_slug, few_slug, few_story):
            rows.append(
                _row(
                    label,
                    STORIES,
                    time_page(visitor, url, check=_shows(text)),
                    time_page(visitor, few_url, check=_shows(text)),
                )
            )
    # A reader who reads Welsh: every story translated; the same pages, one query more
    # at most (the translations of the stories shown).
    welsh = Client()
    welsh.cookies[settings.LANGUAGE_COOKIE_NAME] = "cy"
    with override_settings(CACHES=NO_CACHE):
        pages = _pages(slug, story_slug, few_slug, few_story)
        for label, url, few_url, text in (pages[1], pages[3]):  # the story and the list
            text = "Stori 1" if text == "Story 1" else "Stori"
            rows.append(
                _row(
                    f"{label}, in Welsh",
                    STORIES,
                    time_page(welsh, url, check=_shows(text)),
                    time_page(welsh, few_url, check=_shows(text)),
                )
            )
    # The home page with its fragment cached (warmed first, so every timed request hits).
    cache.clear()
    home, few_home = reverse("stories:home", args=[slug]), reverse("stories:home", args=[few_slug])
    visitor.get(home), visitor.get(few_home)
    rows.append(
        _row(
            "stories:home, fragment cached",
            STORIES,
            time_page(visitor, home, check=_shows("Latest stories")),
            time_page(visitor, few_home, check=_shows("Latest stories")),
        )
    )
    return rows
