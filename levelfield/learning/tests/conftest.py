"""The learning tests' course, built in the one test world (levelfield/lib/testing/world.py).

Riverside collective runs a two-module course: Cora facilitates it, Cal is a learner,
Mo is another member and Olu belongs to nothing. `learning_world` names them so; it
builds on the one `world` rather than making a second collective.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from levelfield.collectives.models import Collective
from levelfield.learning.models import Course, Module, Page
from levelfield.learning.tests.factories import CourseFactory, ModuleFactory, PageFactory
from levelfield.lib.testing.world import World
from levelfield.people.models import User


@dataclass
class LearningWorld:
    collective: Collective
    facilitator: User
    learner: User
    member: User
    outsider: User
    course: Course
    modules: list[Module]
    pages: list[Page]


@pytest.fixture
def learning_world(world: World) -> LearningWorld:
    collective = world.collective
    course = CourseFactory(collective=collective, facilitators=[world.coordinator])
    first = ModuleFactory(course=course, position=1, title="What co-production is")
    second = ModuleFactory(course=course, position=2, title="Sharing power", question="")
    pages = [
        PageFactory(module=first, position=1, title="Working as equals"),
        PageFactory(module=first, position=2, title="Not engagement"),
        PageFactory(module=second, position=1, title="Who decides"),
    ]
    return LearningWorld(
        collective,
        world.coordinator,
        world.collective_member,
        world.member,
        world.outsider,
        course,
        [first, second],
        pages,
    )
