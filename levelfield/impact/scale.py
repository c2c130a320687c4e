"""Impact for `manage.py seed_scale`: 3,000 impact records in the big project at the
large size, a third published, each linked to an output and an involvement entry of
the project, bulk-inserted as the services write them."""

from __future__ import annotations

import datetime
import random

from django.utils import timezone

from levelfield.impact.models import ForWhom, Impact, Kind, Status
from levelfield.lib.scale import batches, scaled
from levelfield.outputs.models import Output
from levelfield.projects.models import InvolvementEntry
from levelfield.projects.scale import big_project

IMPACTS = 3_000
WORDS = ["letters", "clinic", "young", "people", "waiting", "believed", "leaflet", "team"]


def scale_seed(*, size: str, rng: random.Random) -> None:
    project = big_project()
    place = project.place
    whom = [choice.value for choice in ForWhom]
    kinds = [choice.value for choice in Kind]
    start = datetime.date(2020, 1, 1)
    now = timezone.now()
    count = scaled(size, IMPACTS, least=10)

    def impacts() -> object:
        for number in range(count):
            published = number % 3 == 0
            yield Impact(
                place=place,
                title=" ".join(rng.choice(WORDS) for _ in range(5)).capitalize(),
                what_changed=" ".join(rng.choice(WORDS) for _ in range(40)).capitalize() + ".",
                for_whom=rng.choice(whom),
                kind=rng.choice(kinds),
                happened_on=start + datetime.timedelta(days=rng.randrange(2_500)),
                evidence="Feedback from the clinic team." if number % 2 else "",
                status=Status.PUBLISHED if published else Status.DRAFT,
                published_at=now if published else None,
                show_publicly=published and rng.random() < 0.3,
            )

    for chunk in batches(impacts()):
        Impact.objects.bulk_create(chunk)
    impact_ids = list(Impact.objects.in_place(place).values_list("pk", flat=True))
    output_ids = list(Output.objects.in_place(place).values_list("pk", flat=True)[:500])
    entry_ids = list(
        InvolvementEntry.objects.filter(place=place).values_list("pk", flat=True)[:500]
    )
    if output_ids:
        for chunk in batches(
            Impact.outputs.through(impact_id=pk, output_id=rng.choice(output_ids))
            for pk in impact_ids
        ):
            Impact.outputs.through.objects.bulk_create(chunk)
    if entry_ids:
        for chunk in batches(
            Impact.entries.through(impact_id=pk, involvemententry_id=rng.choice(entry_ids))
            for pk in impact_ids
        ):
            Impact.entries.through.objects.bulk_create(chunk)
