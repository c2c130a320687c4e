"""Resources for `manage.py seed_scale`: a map of 2,000 resources in every collective.

Accepted resources with stage, audience and topic labels, and a few suggestions waiting
for an answer, in each collective (20,000 at the large size).
"""

from __future__ import annotations

import random

from django.utils import timezone

from levelfield.collectives.scale import collectives_in_order
from levelfield.lib.scale import batches, scaled
from levelfield.people.scale import people_in_order
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
from levelfield.resources.services import map_version_move

PER_COLLECTIVE = 2_000
SUGGESTED_EVERY = 50
WORDS = ["payment", "remote", "meetings", "consent", "easy read", "training", "impact"]


def scale_seed(*, size: str, rng: random.Random) -> None:
    ids = people_in_order()
    now = timezone.now()
    count = scaled(size, PER_COLLECTIVE, least=5)

    def resource(collective_id: int, number: int) -> Resource:
        suggested = number % SUGGESTED_EVERY == SUGGESTED_EVERY - 1
        return Resource(
            collective_id=collective_id,
            title=f"Guide {number} on {rng.choice(WORDS)}",
            url=f"https://www.example.org/guides/{collective_id}/{number}",
            summary=f"How to get {rng.choice(WORDS)} right with public contributors.",
            format=rng.choice(Format.values),
            status=Status.SUGGESTED if suggested else Status.ACCEPTED,
            suggested_by_id=rng.choice(ids),
            suggested_at=now,
            answered_at=None if suggested else now,
            answered_by_id=None if suggested else ids[0],
        )

    for chunk in batches(
        resource(collective.pk, number)
        for collective in collectives_in_order()
        for number in range(count)
    ):
        Resource.objects.bulk_create(chunk)

    def labels(pk: int) -> list[ResourceLabel]:
        return (
            [
                ResourceLabel(resource_id=pk, facet=Facet.STAGE, value=v)
                for v in rng.sample(Stage.values, 2)
            ]
            + [
                ResourceLabel(resource_id=pk, facet=Facet.AUDIENCE, value=v)
                for v in Audience.values
            ]
            + [
                ResourceLabel(resource_id=pk, facet=Facet.TOPIC, value=v)
                for v in rng.sample(Topic.values, 2)
            ]
        )

    resource_ids = Resource.objects.filter(collective__isnull=False).order_by("pk")
    for chunk in batches(
        label for pk in resource_ids.values_list("pk", flat=True) for label in labels(pk)
    ):
        ResourceLabel.objects.bulk_create(chunk)
    map_version_move(collective_ids=[collective.pk for collective in collectives_in_order()])
