"""The public board of involvement opportunities at data scale, as a visitor with no
account: 5,000 live opportunities with two or three topics each; the board, the board
with a filter, an opportunity page, the Atom and plain-text feeds; and, as its writer,
the list of 2,000 people who expressed interest in one (paged 50 at a time), its
finished selection (the people not chosen paged 50 at a time) and its reach totals.

Run by bench/run.py inside a throwaway database. Rows are bulk-inserted (the services,
with their history and emails, would measure the set-up). Each page is first timed with
5 opportunities and 5 interests (the small column), then with the full data, so the
table shows that the number of queries does not grow with the data.
"""

from __future__ import annotations

import datetime
import random

from bench_common import Row
from bench_django import PageTiming, time_page
from bench_pages import _row, _shows, people_add
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from levelfield.collectives.models import CollectiveKind
from levelfield.collectives.services import collective_create
from levelfield.opportunities.models import (
    Interest,
    Involvement,
    Mode,
    Opportunity,
    ReachCount,
    Region,
    Selection,
    State,
    Topic,
)
from levelfield.opportunities.reach import QUESTIONS

OPPORTUNITIES = 5_000
INTERESTS = 2_000
FEW = 5
SEED = 20_261_205


def _add(prefix: str, size: int, interests: int, rng: random.Random) -> tuple[int, object]:
    """A listed collective with `size` live opportunities; the first has `interests`."""
    writer = people_add(prefix, 1, rng)[0]
    collective = collective_create(
        name=f"Bench opportunities {prefix}",
        kind=CollectiveKind.COLLECTIVE,
        description="People timing the board.",
        created_by=writer,
    )
    collective.listed = True
    collective.save(update_fields=["listed"])
    place = collective.places.get(kind="collective")
    now, today = timezone.now(), timezone.localdate()
    topics = list(Topic.objects.all())
    made = Opportunity.objects.bulk_create(
        Opportunity(
            place=place,
            title=f"Opportunity {prefix} {number}",
            summary="What the study is and what you would do, in plain words. " * 3,
            who_for="People with lived experience, and carers.",
            perspectives=["lived_experience", "carer"],
            time_needed="2 hours a month",
            mode=rng.choice(list(Mode)),
            region=rng.choice(list(Region)),
            paid=rng.random() < 0.7,
            involvement=rng.choice(list(Involvement)),
            closes_on=today + datetime.timedelta(days=rng.randint(1, 120)),
            state=State.LIVE,
            created_by=writer,
            published_at=now - datetime.timedelta(minutes=number),
            matched_at=now,
        )
        for number in range(size)
    )
    through = Opportunity.topics.through
    through.objects.bulk_create(
        through(opportunity_id=row.pk, topic_id=topic.pk)
        for row in made
        for topic in rng.sample(topics, rng.randint(2, 3))
    )
    Interest.objects.bulk_create(
        Interest(
            opportunity=made[0],
            name=f"Person {number}",
            email=f"{prefix}{number}@bench.example.org",
            why="I have lived experience of this and want to help.",
            perspectives=[rng.choice(["lived_experience", "carer", "researcher"])],
        )
        for number in range(interests)
    )
    # A finished selection: one chosen, everyone else told; reach totals for each answer.
    Selection.objects.create(opportunity=made[0], places=1, seed=SEED, finished_by=writer)
    told = Interest.objects.filter(opportunity=made[0])
    told.update(outcome="not_chosen", told_at=now)
    told.filter(pk=told.order_by("pk").values("pk")[:1]).update(outcome="chosen")
    ReachCount.objects.bulk_create(
        ReachCount(
            opportunity=made[0],
            stage=stage,
            question=question.name,
            answer=value,
            count=rng.randint(0, interests),
        )
        for stage in ("interest", "took_part")
        for question in QUESTIONS
        for value, _ in question.choices
    )
    return made[0].pk, writer


def _time(prefix: str, size: int, interests: int, rng: random.Random) -> dict[str, PageTiming]:
    first, writer = _add(prefix, size, interests, rng)
    visitor, organiser = Client(), Client()
    organiser.force_login(writer)
    board = reverse("opportunities:board")
    return {
        "opportunities:board": time_page(visitor, board, check=_shows("opportunities")),
        "opportunities:board, filtered": time_page(
            visitor, f"{board}?paid=yes", check=_shows("match your filters")
        ),
        "opportunities:detail": time_page(
            visitor, reverse("opportunities:detail", args=[first]), check=_shows("JobPosting")
        ),
        "opportunities:feed (Atom)": time_page(
            visitor, reverse("opportunities:feed"), check=_shows("<entry>")
        ),
        "opportunities:feed_text": time_page(
            visitor, reverse("opportunities:feed_text"), check=_shows("Closes on")
        ),
        "opportunities:interests, 2,000 people": time_page(
            organiser, reverse("opportunities:interests", args=[first]), check=_shows("Person 1")
        ),
        "opportunities:selection, finished": time_page(
            organiser,
            reverse("opportunities:selection", args=[first]),
            check=_shows("The selection is finished"),
        ),
        "opportunities:reach": time_page(
            organiser, reverse("opportunities:reach", args=[first]), check=_shows("Took part")
        ),
    }


def opportunity_pages() -> list[Row]:
    rng = random.Random(SEED)
    few = _time("fewopp", FEW, FEW, rng)
    many = _time("opp", OPPORTUNITIES, INTERESTS, rng)
    return [_row(label, OPPORTUNITIES, many[label], few[label]) for label in many]
