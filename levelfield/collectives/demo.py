"""The demo collective, for `load_demo`: every demo person a member, Amara coordinating."""

from __future__ import annotations

from django.utils import timezone

from levelfield.collectives.models import Collective, CollectiveMembership
from levelfield.history.services import change_record
from levelfield.lib.manifests import DemoWorld
from levelfield.people.demo import PEOPLE
from levelfield.people.models import User
from levelfield.places.services import place_for_collective_create


def demo_world(world: DemoWorld) -> None:
    world.collective = _collective(world.people)


def _collective(people: dict[str, User]) -> Collective:
    collective, created = Collective.objects.get_or_create(
        slug="riverside-co-production-collective",
        defaults={
            "name": "Riverside Co-production Collective",
            "description": (
                "Patients, carers, community members, researchers and practitioners from "
                "Riverside who co-produce health and social care research. We meet monthly "
                "for a cuppa and share power in every project."
            ),
            "created_by": people["amara"],
        },
    )
    if created:
        place_for_collective_create(collective=collective)
    for spec in PEOPLE:
        _, joined = CollectiveMembership.objects.get_or_create(
            collective=collective,
            person=people[spec.key],
            defaults={"coordinator_since": timezone.now() if spec.coordinator else None},
        )
        if joined:
            change_record(
                actor=people[spec.key],
                action="joined",
                summary=f"{people[spec.key].name} joined the collective",
                subject_type="collectivemembership",
                collective=collective,
            )
    return collective
