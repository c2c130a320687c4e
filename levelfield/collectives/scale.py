"""Collectives for `manage.py seed_scale`: one network everyone belongs to, and hubs.

The first collective ("Scale network") has every seeded person as a member, so its
home page and member-wide lists meet the full 20,000. The others (hubs) each hold a
slice of the people. Person 0 starts each one through `collective_create`, so each has
its coordinator and its history; the other memberships are bulk-inserted, each with the
"joined" history row the service would write.
"""

from __future__ import annotations

import random

from django.utils import timezone

from levelfield.collectives.models import Collective, CollectiveKind
from levelfield.collectives.services import collective_create
from levelfield.history.models import Change
from levelfield.lib.scale import batches
from levelfield.people.models import User
from levelfield.people.scale import people_in_order
from levelfield.places.models import Place, PlaceMembership
from levelfield.places.services import place_members_recount

HUBS = 9
NETWORK_NAME = "Scale network"


def network() -> Collective:
    """The collective every seeded person belongs to."""
    return Collective.objects.get(name=NETWORK_NAME)


def collectives_in_order() -> list[Collective]:
    return list(Collective.objects.filter(name__startswith="Scale ").order_by("pk"))


def scale_seed(*, size: str, rng: random.Random) -> None:
    ids = people_in_order()
    founder = User.objects.get(pk=ids[0])
    hubs = HUBS if size == "large" else 1
    names = [NETWORK_NAME] + [f"Scale hub {number}" for number in range(1, hubs + 1)]
    slice_size = len(ids) // hubs
    for index, name in enumerate(names):
        collective = collective_create(
            name=name,
            kind=CollectiveKind.COLLECTIVE if index == 0 else CollectiveKind.CHARITY,
            description="A made-up network for timing Levelfield at scale.",
            created_by=founder,
        )
        members = ids[1:] if index == 0 else ids[1 + (index - 1) * slice_size : index * slice_size]
        _members_add(collective, members, rng)


def _members_add(collective: Collective, person_ids: list[int], rng: random.Random) -> None:
    now = timezone.now()
    for chunk in batches(
        PlaceMembership(place=collective.own_place, person_id=person_id, joined_at=now)
        for person_id in person_ids
    ):
        PlaceMembership.objects.bulk_create(chunk)
    place_members_recount(places=Place.objects.filter(pk=collective.own_place.pk))
    names = dict(User.objects.filter(pk__in=person_ids).values_list("pk", "display_name"))
    memberships = (
        PlaceMembership.objects.of_collective(collective)
        .filter(person_id__in=person_ids)
        .values_list("pk", "person_id")
    )
    for chunk in batches(
        Change(
            actor_id=person_id,
            collective=collective,
            subject_type="placemembership",
            subject_id=pk,
            action="joined",
            summary=f"{names[person_id]} joined the collective (accepted an invitation)",
        )
        for pk, person_id in memberships.iterator(chunk_size=5_000)
    ):
        Change.objects.bulk_create(chunk)
