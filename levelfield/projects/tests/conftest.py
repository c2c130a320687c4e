"""Project tests start from the one test world (levelfield/lib/testing/world.py).

Each fixture is a view of the world under the name the tests use: Riverside collective,
its project "Living well after a stroke" (here in its design stage), Mo who is in it
and Olu who belongs to nothing; Amara, who coordinates the project only, is added.
"""

from __future__ import annotations

import pytest

from levelfield.collectives.models import Collective
from levelfield.collectives.tests.factories import CollectiveMembershipFactory
from levelfield.lib.testing.world import World
from levelfield.people.models import User
from levelfield.people.tests.factories import UserFactory
from levelfield.projects.models import Project, Stage
from levelfield.projects.tests.factories import ProjectMembershipFactory


@pytest.fixture
def collective(world: World) -> Collective:
    return world.collective


@pytest.fixture
def member(world: World) -> User:
    return world.member


@pytest.fixture
def project(world: World) -> Project:
    project = world.project
    project.stage = Stage.DESIGN
    project.topics = "stroke, rehabilitation"
    project.save(update_fields=["stage", "topics"])
    return project


@pytest.fixture
def coordinator(world: World, project: Project) -> User:
    """Amara coordinates the project but not the collective, added to the world's places.

    No world person fits: Cora coordinates both, and these tests need a project
    coordinator who does not approve the collective's payment claims.
    """
    user = UserFactory(display_name="Amara", email="amara@example.org")
    CollectiveMembershipFactory(collective=world.collective, person=user)
    ProjectMembershipFactory(project=project, person=user, is_coordinator=True)
    return user


@pytest.fixture
def outsider(world: World) -> User:
    return world.outsider
