"""Partner organisations for `manage.py seed_scale`: 3,000 organisations in the first
collective, each with a relationship, and 12,000 pieces of work (a few with income),
bulk-inserted as the services write them. The first collective is where the benchmark
opens the list and an organisation's page."""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

from django.utils import timezone

from levelfield.collectives.scale import collectives_in_order
from levelfield.lib.scale import batches, scaled
from levelfield.partners.models import (
    Contact,
    Organisation,
    OrganisationKind,
    OrganisationRelationship,
    Relationship,
    Work,
    WorkKind,
)
from levelfield.places.models import Place, PlaceKind

ORGANISATIONS = 3_000
WORK_EACH = 4
NAMES = ["Health Trust", "Council", "Carers Trust", "University", "Fund", "Charity", "Clinic"]


def scale_place() -> Place:
    """The collective place the benchmark opens."""
    collective = collectives_in_order()[0]
    return Place.objects.get(collective=collective, kind=PlaceKind.COLLECTIVE)


def scale_seed(*, size: str, rng: random.Random) -> None:
    place = scale_place()
    count = scaled(size, ORGANISATIONS, least=20)
    kinds = OrganisationKind.values
    for chunk in batches(
        Organisation(
            place=place,
            name=f"{rng.choice(NAMES)} {number:05d}",
            kind=rng.choice(kinds),
            active=number % 5 != 0,
        )
        for number in range(count)
    ):
        Organisation.objects.bulk_create(chunk)
    ids = list(Organisation.objects.in_place(place).values_list("pk", flat=True))
    relationships = Relationship.values
    for chunk in batches(
        OrganisationRelationship(organisation_id=pk, relationship=rng.choice(relationships))
        for pk in ids
    ):
        OrganisationRelationship.objects.bulk_create(chunk)
    for chunk in batches(
        Contact(organisation_id=pk, name=f"Contact {pk}", role="Lead") for pk in ids
    ):
        Contact.objects.bulk_create(chunk)
    today = timezone.localdate()
    work_kinds = WorkKind.values

    def work(pk: int, number: int) -> Work:
        started = today - datetime.timedelta(days=rng.randrange(0, 700))
        return Work(
            organisation_id=pk,
            kind=rng.choice(work_kinds),
            title=f"Work {number} with {pk}",
            started_on=started,
            ended_on=started + datetime.timedelta(days=rng.randrange(0, 60)),
            income=Decimal(rng.randrange(0, 500_000)) / 100 if number % 3 == 0 else None,
        )

    for chunk in batches(work(pk, number) for pk in ids for number in range(WORK_EACH)):
        Work.objects.bulk_create(chunk)
