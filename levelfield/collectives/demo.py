"""The demo collective, for `load_demo`: every demo person a member, Amara coordinating;
listed in the directory, where a newcomer (Rosa, not a member) has asked to join."""

from __future__ import annotations

from django.utils import timezone

from levelfield.collectives.models import (
    Collective,
)
from levelfield.history.services import change_record
from levelfield.lib.manifests import DemoWorld
from levelfield.people.demo import PEOPLE, DemoPerson, _person
from levelfield.people.models import PerspectiveKind, User
from levelfield.places.models import JoinRequest, PlaceMembership
from levelfield.places.services import place_for_collective_create, place_members_counted

# Someone who found the collective in the directory: not a member, so not in PEOPLE.
NEWCOMER = DemoPerson(
    "rosa",
    "Rosa Lindqvist",
    ((PerspectiveKind.CARER, "cares for her father, who has Parkinson’s"),),
    interests="Parkinson’s, carers’ wellbeing",
)


def demo_world(world: DemoWorld) -> None:
    world.collective = _collective(world.people)
    _join_request(world.collective)


def _join_request(collective: Collective) -> User:
    """A pending request to join from the newcomer, for the coordinators to answer."""
    rosa = _person(NEWCOMER)
    if not JoinRequest.objects.filter(place=collective.own_place, person=rosa).exists():
        join_request = JoinRequest.objects.create(
            place=collective.own_place,
            person=rosa,
            message=(
                "I care for my dad, who has Parkinson’s, and I would like to help research "
                "that makes life easier for carers. I can come to evening meetings."
            ),
        )
        change_record(
            actor=rosa,
            action="join_requested",
            summary=f"{rosa.name} asked to join the collective",
            subject=join_request,
            collective=collective,
            after={"member": rosa.name},
        )
    return rosa


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
            "area": "Riverside and the towns along the river",
            "listed": True,
        },
    )
    if created:
        place_for_collective_create(collective=collective)
    for spec in PEOPLE:
        _, joined = PlaceMembership.objects.get_or_create(
            place=collective.own_place,
            person=people[spec.key],
            defaults={"coordinator_since": timezone.now() if spec.coordinator else None},
        )
        if joined:
            place_members_counted(place_id=collective.own_place.pk, change=1)
            change_record(
                actor=people[spec.key],
                action="joined",
                summary=f"{people[spec.key].name} joined the collective",
                subject_type="placemembership",
                collective=collective,
            )
    return collective
