from __future__ import annotations

import datetime
from typing import Any

import factory
from django.utils import timezone

from levelfield.collectives.tests.factories import CollectiveFactory
from levelfield.people.tests.factories import UserFactory
from levelfield.places.models import JoinRequest, PlaceMembership
from levelfield.places.services import place_for_project_create, place_members_counted
from levelfield.projects.models import (
    ActivityKind,
    InvolvementEntry,
    Participation,
    Project,
    Stage,
)


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Project
        skip_postgeneration_save = True

    collective = factory.SubFactory(CollectiveFactory)
    title = factory.Sequence(lambda n: f"Project {n}")
    summary = "Finding out what matters to people living with a long-term condition."
    stage = Stage.DESIGN
    created_by = factory.SubFactory(UserFactory)

    @factory.post_generation
    def with_place(project: Project, create: bool, extracted: object, **kwargs: object) -> None:
        """Every project has its place, as `project_create` makes it."""
        if create:
            place_for_project_create(project=project)


class ProjectMembershipFactory(factory.django.DjangoModelFactory):
    """A membership of a project (of its place)."""

    class Meta:
        model = PlaceMembership

    class Params:
        project = factory.SubFactory(ProjectFactory)
        is_coordinator = False  # True: holds the coordinator job from now

    place = factory.LazyAttribute(lambda membership: membership.project.place)
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


class InvolvementEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InvolvementEntry

    class Params:
        # The project whose log holds the entry, unless a place is given (then nothing
        # else is made: a project built beside the given place would be a stray one).
        project = None

    place = factory.LazyAttribute(lambda entry: (entry.project or ProjectFactory()).place)
    title = "Advisory group meeting"
    happened_on = factory.LazyFunction(lambda: datetime.date(2026, 10, 1))
    stage = Stage.DESIGN
    kind = ActivityKind.MEETING
    what_changed = "We changed the interview questions."


class ParticipationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participation

    entry = factory.SubFactory(InvolvementEntryFactory)
    person = factory.SubFactory(UserFactory)
    minutes = 90


class ProjectJoinRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = JoinRequest

    class Params:
        project = factory.SubFactory(ProjectFactory)

    place = factory.LazyAttribute(lambda join_request: join_request.project.place)
    person = factory.SubFactory(UserFactory)
    message = "I would like to help with the interviews."
