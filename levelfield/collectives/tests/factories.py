from __future__ import annotations

from typing import Any

import factory
from django.utils import timezone

from levelfield.collectives.models import Collective
from levelfield.people.tests.factories import UserFactory
from levelfield.places.models import PlaceMembership
from levelfield.places.services import place_for_collective_create, place_members_counted


class CollectiveFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Collective
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Collective {n}")
    slug = factory.Sequence(lambda n: f"collective-{n}")
    description = "People working together on health research."
    created_by = factory.SubFactory(UserFactory)

    @factory.post_generation
    def with_place(
        collective: Collective, create: bool, extracted: object, **kwargs: object
    ) -> None:
        """Every collective has its place, as `collective_create` makes it."""
        if create:
            place_for_collective_create(collective=collective)


class CollectiveMembershipFactory(factory.django.DjangoModelFactory):
    """A membership of a collective itself (of its own place)."""

    class Meta:
        model = PlaceMembership

    class Params:
        collective = factory.SubFactory(CollectiveFactory)
        is_coordinator = False  # True: holds the coordinator job from now

    place = factory.LazyAttribute(lambda membership: membership.collective.own_place)
    person = factory.SubFactory(UserFactory)
    coordinator_since = factory.Maybe(
        "is_coordinator", yes_declaration=factory.LazyFunction(timezone.now)
    )

    @classmethod
    def _create(cls, model_class: type, *args: Any, **kwargs: Any) -> PlaceMembership:
        """Counted on the place as the services count it."""
        membership = super()._create(model_class, *args, **kwargs)
        place_members_counted(place_id=membership.place_id, change=1)
        return membership
