"""Invitation tests start from the one test world (levelfield/lib/testing/world.py).

Each fixture is a view of the world under the name the tests use: Riverside collective,
Cora who coordinates it, Mo who is a member, their project "Living well after a stroke"
(here in its design stage) and Olu who belongs to nothing. Amara, who coordinates the
project but not the collective, and Sam, who has an account, are added to the world.
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
def coordinator(world: World) -> User:
    return world.coordinator


@pytest.fixture
def member(world: World) -> User:
    return world.member


@pytest.fixture
def project(world: World) -> Project:
    project = world.project
    project.stage = Stage.DESIGN
    project.save(update_fields=["stage"])
    return project


@pytest.fixture
def project_coordinator(world: World, project: Project) -> User:
    """No world person coordinates the project without coordinating the collective."""
    user = UserFactory(display_name="Amara", email="amara@example.org")
    CollectiveMembershipFactory(collective=world.collective, person=user)
    ProjectMembershipFactory(project=project, person=user, is_coordinator=True)
    return user


@pytest.fixture
def outsider(world: World) -> User:
    return world.outsider


@pytest.fixture
def sam(db: None) -> User:
    return UserFactory(email="sam@example.org", display_name="Sam")
