"""Stories for `manage.py seed_scale`: the network's public pages with 20,000 stories and
20,000 comments at the large size.

The network has its public page saved (comments shown at once, as a collective may
choose), 24 topics, and stories written by its members over the years, nearly all
published, each with two or three topics. The newest story has the most comments (the
story page the load benchmark reads and comments on); the rest are spread over the
other recent stories. Each story's `comment_count` is the number of its published
comments, as `comment_add` keeps it.
"""

from __future__ import annotations

import datetime
import random
from collections import Counter

from django.utils import timezone

from levelfield.collectives.scale import network
from levelfield.lib.scale import batches, scaled
from levelfield.people.scale import people_in_order
from levelfield.stories.models import Comment, PublicPage, Story, StoryKind, Tag

STORIES = 20_000
COMMENTS = 20_000
BUSY_COMMENTS = 1_000  # on the newest story
RECENT = 2_000  # the other comments are on the newest this many stories
TOPICS = [
    "Dementia",
    "Mental health",
    "Young carers",
    "Diabetes",
    "Stroke",
    "Loneliness",
    "Paying people",
    "Plain English",
]
WHAT = ["changed a study", "ran a workshop", "wrote a leaflet", "sat on a panel", "met a funder"]


def newest_story() -> Story:
    """The story the load benchmark reads and comments on."""
    now = timezone.now()
    return (
        Story.objects.filter(collective=network(), published_at__lte=now)
        .order_by("-published_at", "-pk")
        .first()
    )


def scale_seed(*, size: str, rng: random.Random) -> None:
    collective = network()
    authors = people_in_order()[1:]
    PublicPage.objects.create(
        collective=collective,
        welcome="We are people with lived experience and researchers, working together.",
        about_coproduction="Co-production means sharing power from the start.",
        get_involved="Come to a coffee morning, or write to us.",
        comments_held=False,
    )
    tags = Tag.objects.bulk_create(
        Tag(collective=collective, name=f"{topic} {number}", slug=f"topic-{index}-{number}")
        for number in range(3)
        for index, topic in enumerate(TOPICS)
    )
    count = scaled(size, STORIES, least=40)
    comments = scaled(size, COMMENTS, least=60)
    busy = min(comments, scaled(size, BUSY_COMMENTS, least=20))
    recent = min(count - 1, scaled(size, RECENT, least=20))
    spread = Counter({0: busy})
    spread.update(rng.randrange(1, recent + 1) for _ in range(comments - busy))
    now = timezone.now()

    def story(number: int) -> Story:
        written = now - datetime.timedelta(hours=6 * number + 1)
        draft = number % 50 == 7  # about one in fifty not published
        return Story(
            collective=collective,
            kind=StoryKind.STORY,
            title=f"How we {rng.choice(WHAT)} ({number + 1})",
            slug=f"scale-story-{number + 1}",
            summary="What we did together, in a sentence or two.",
            body="## What we did\n\nWe met, **talked** and changed the study.\n\n" * 4,
            author_id=rng.choice(authors),
            created_at=written,
            updated_at=written,
            submitted_at=written if draft and number % 100 == 7 else None,
            published_at=None if draft else written,
            comment_count=0 if draft else spread[number],
        )

    for chunk in batches(story(number) for number in range(count)):
        Story.objects.bulk_create(chunk)
    ordered = list(
        Story.objects.filter(collective=collective)
        .order_by("-created_at", "-pk")
        .values_list("pk", "published_at")
    )
    for chunk in batches(
        Story.tags.through(story_id=pk, tag=tag)
        for pk, _ in ordered
        for tag in rng.sample(tags, rng.choice([2, 3]))
    ):
        Story.tags.through.objects.bulk_create(chunk)

    def comment_rows():
        for number, (pk, published_at) in enumerate(ordered):
            if published_at is None:
                continue
            for minute in range(spread[number]):
                at = published_at + datetime.timedelta(seconds=3 * (minute + 1))
                yield Comment(
                    story_id=pk,
                    author_id=rng.choice(authors),
                    text="Thank you for writing this; it is what we found too.",
                    created_at=at,
                    published_at=at,
                )

    for chunk in batches(comment_rows()):
        Comment.objects.bulk_create(chunk)
