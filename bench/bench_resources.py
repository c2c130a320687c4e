"""The resource map's pages at data scale: a collective's map with 2,000 resources
(each at two stages, for everyone, with two topics), filtered and searched.

Run by bench/run.py inside a throwaway database. Resources are bulk-inserted (the
suggestion service, with its history and notices, would measure the set-up). Each page
is also fetched with a handful of resources, so the table shows that the number of
queries does not grow with the data.
"""

from __future__ import annotations

import random

from bench_common import Row
from bench_django import time_page
from bench_pages import _row, _shows, logged_in, people_add
from django.urls import reverse
from django.utils import timezone

from levelfield.collectives.models import CollectiveKind
from levelfield.collectives.services import collective_create
from levelfield.resources.models import (
    Audience,
    Facet,
    Format,
    Resource,
    ResourceLabel,
    Stage,
    Status,
    Topic,
)

RESOURCES = 2_000
FEW = 5
SEED = 20_261_201
WORDS = ["payment", "remote", "meetings", "consent", "easy read", "training", "impact"]


def _map_make(prefix: str, size: int, rng: random.Random) -> tuple[str, object]:
    people = people_add(prefix, 2, rng)
    collective = collective_create(
        name=f"Bench map {prefix}",
        kind=CollectiveKind.COLLECTIVE,
        description="People timing the resource map.",
        created_by=people[0],
    )
    now = timezone.now()
    resources = Resource.objects.bulk_create(
        [
            Resource(
                collective=collective,
                title=f"Guide {number} on {rng.choice(WORDS)}",
                url=f"https://www.example.org/{prefix}/{number}",
                summary=f"How to get {rng.choice(WORDS)} right with public contributors.",
                format=rng.choice(Format.values),
                status=Status.ACCEPTED,
                suggested_at=now,
                answered_at=now,
            )
            for number in range(size)
        ],
        batch_size=1_000,
    )
    labels = []
    for resource in resources:
        for stage in rng.sample(Stage.values, 2):
            labels.append(ResourceLabel(resource=resource, facet=Facet.STAGE, value=stage))
        for audience in Audience.values:
            labels.append(ResourceLabel(resource=resource, facet=Facet.AUDIENCE, value=audience))
        for topic in rng.sample(Topic.values, 2):
            labels.append(ResourceLabel(resource=resource, facet=Facet.TOPIC, value=topic))
    ResourceLabel.objects.bulk_create(labels, batch_size=2_000)
    return collective.slug, logged_in(people[0])


def resource_pages() -> list[Row]:
    rng = random.Random(SEED)
    slug, member = _map_make("map", RESOURCES, rng)
    few_slug, few_member = _map_make("fewmap", FEW, rng)

    def pair(name: str, query: str = "") -> tuple[str, str]:
        return (
            reverse(f"resources:{name}", args=[slug]) + query,
            reverse(f"resources:{name}", args=[few_slug]) + query,
        )

    rows = []
    for label, name, query, text in [
        ("resources:map, everything", "map", "", "on the map"),
        ("resources:map, audience and topic", "map", "?audience=public&topic=payment", "match"),
        ("resources:list, first page", "list", "", "All "),
        ("resources:list, searched", "list", "?q=payment", "found"),
    ]:
        big, small = pair(name, query)
        rows.append(
            _row(
                label,
                RESOURCES,
                time_page(member, big, check=_shows(text)),
                time_page(few_member, small, check=_shows(text)),
            )
        )
    return rows
