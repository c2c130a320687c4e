"""Opportunities for `manage.py seed_scale`: 5,000 live opportunities on the board, from
the projects of every scale collective (made listed, as a collective on the board is),
each with two or three topics; the first has 2,000 expressions of interest, and 5,000
people chose what to hear about. Bulk-inserted (the services' history and emails would
measure the set-up, not the pages)."""

from __future__ import annotations

import datetime
import random

from django.utils import timezone

from levelfield.collectives.scale import collectives_in_order
from levelfield.lib.scale import batches, scaled
from levelfield.opportunities.models import (
    Interest,
    Involvement,
    Mode,
    Opportunity,
    Preference,
    Region,
    State,
    Topic,
)
from levelfield.people.models import PerspectiveKind
from levelfield.people.scale import people_in_order
from levelfield.places.models import Place

OPPORTUNITIES = 5_000
INTERESTS = 2_000
PREFERENCES = 5_000
TITLES = [
    "Advisor for a study about",
    "Read our leaflet on",
    "Join a workshop on",
    "Co-researcher: interviews about",
    "Panel member choosing research on",
]


def scale_seed(*, size: str, rng: random.Random) -> None:
    collectives = collectives_in_order()
    for collective in collectives:
        collective.listed = True
    type(collectives[0]).objects.bulk_update(collectives, ["listed"])
    places = list(Place.objects.filter(collective__in=collectives).values_list("pk", flat=True))
    people = people_in_order()
    topics = list(Topic.objects.all())
    now = timezone.now()
    today = timezone.localdate()
    perspectives = [choice.value for choice in PerspectiveKind]

    def opportunity(number: int) -> Opportunity:
        topic = rng.choice(topics)
        return Opportunity(
            place_id=rng.choice(places),
            title=f"{rng.choice(TITLES)} {topic.name.lower()} ({number})",
            summary="What the study is and what you would do, in plain words. " * 3,
            who_for="People with lived experience of the topic, and carers.",
            perspectives=rng.sample(perspectives, 2),
            time_needed="2 hours a month",
            mode=rng.choice(list(Mode)),
            region=rng.choice(list(Region)),
            paid=rng.random() < 0.7,
            payment="£25 an hour",
            involvement=rng.choice(list(Involvement)),
            closes_on=today + datetime.timedelta(days=rng.randint(1, 120)),
            state=State.LIVE,
            created_by_id=people[0],
            created_at=now,
            updated_at=now,
            submitted_at=now,
            published_at=now - datetime.timedelta(minutes=number),
            matched_at=now,
        )

    made: list[int] = []
    for chunk in batches(opportunity(n) for n in range(scaled(size, OPPORTUNITIES, least=25))):
        made += [row.pk for row in Opportunity.objects.bulk_create(chunk)]
    through = Opportunity.topics.through
    for chunk in batches(
        through(opportunity_id=pk, topic_id=topic.pk)
        for pk in made
        for topic in rng.sample(topics, rng.randint(2, 3))
    ):
        through.objects.bulk_create(chunk)
    first = made[0]
    for chunk in batches(
        Interest(
            opportunity_id=first,
            name=f"Person {number}",
            email=f"interest{number}@example.org",
            why="I have lived experience of this and want to help.",
            perspectives=rng.sample(perspectives, 1),
            created_at=now - datetime.timedelta(minutes=number),
            updated_at=now,
        )
        for number in range(scaled(size, INTERESTS, least=10))
    ):
        Interest.objects.bulk_create(chunk)
    chosen = people[1 : 1 + scaled(size, PREFERENCES, least=10)]
    preferences = []
    for chunk in batches(
        Preference(
            person_id=pk, involvements=[rng.choice(list(Involvement)).value], updated_at=now
        )
        for pk in chosen
    ):
        preferences += Preference.objects.bulk_create(chunk)
    topic_through = Preference.topics.through
    for chunk in batches(
        topic_through(preference_id=preference.pk, topic_id=rng.choice(topics).pk)
        for preference in preferences
    ):
        topic_through.objects.bulk_create(chunk)
