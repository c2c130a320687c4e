"""A collective with a facilitator, a learner and an outsider, and a two-module course."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from levelfield.collectives.models import Collective
from levelfield.collectives.tests.factories import CollectiveFactory, CollectiveMembershipFactory
from levelfield.learning.models import Course, Module, Page
from levelfield.learning.tests.factories import CourseFactory, ModuleFactory, PageFactory
from levelfield.people.models import User
from levelfield.people.tests.factories import UserFactory


@dataclass
class World:
    collective: Collective
    facilitator: User
    learner: User
    member: User
    outsider: User
    course: Course
    modules: list[Module]
    pages: list[Page]


@pytest.fixture
def world(db: None) -> World:
    collective = CollectiveFactory(name="Stroke Voices", slug="stroke-voices")
    facilitator, learner, member, outsider = (
        UserFactory(display_name=name) for name in ("Fran", "Lee", "Mo", "Olu")
    )
    for person in (facilitator, learner, member):
        CollectiveMembershipFactory(collective=collective, person=person)
    course = CourseFactory(collective=collective, facilitators=[facilitator])
    first = ModuleFactory(course=course, position=1, title="What co-production is")
    second = ModuleFactory(course=course, position=2, title="Sharing power", question="")
    pages = [
        PageFactory(module=first, position=1, title="Working as equals"),
        PageFactory(module=first, position=2, title="Not engagement"),
        PageFactory(module=second, position=1, title="Who decides"),
    ]
    return World(
        collective, facilitator, learner, member, outsider, course, [first, second], pages
    )
