from __future__ import annotations

import datetime

import factory

from levelfield.collectives.tests.factories import CollectiveFactory
from levelfield.people.tests.factories import UserFactory
from levelfield.projects.models import (
    ActivityKind,
    InvolvementEntry,
    Participation,
    Project,
    ProjectMembership,
    Stage,
)


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Project

    collective = factory.SubFactory(CollectiveFactory)
    title = factory.Sequence(lambda n: f"Project {n}")
    summary = "Finding out what matters to people living with a long-term condition."
    stage = Stage.DESIGN
    created_by = factory.SubFactory(UserFactory)


class ProjectMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProjectMembership

    project = factory.SubFactory(ProjectFactory)
    person = factory.SubFactory(UserFactory)


class InvolvementEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InvolvementEntry

    project = factory.SubFactory(ProjectFactory)
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
