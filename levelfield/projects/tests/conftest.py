"""A project in a collective, with a member, a coordinator and an outsider."""

from __future__ import annotations

import pytest

from levelfield.collectives.models import Collective
from levelfield.collectives.tests.factories import (
    CollectiveFactory,
    CollectiveMembershipFactory,
)
from levelfield.people.models import User
from levelfield.people.tests.factories import UserFactory
from levelfield.projects.models import Project, Stage
from levelfield.projects.tests.factories import ProjectFactory, ProjectMembershipFactory


@pytest.fixture
def collective(db: None) -> Collective:
    return CollectiveFactory(name="Stroke Voices", slug="stroke-voices")


@pytest.fixture
def member(collective: Collective) -> User:
    user = UserFactory(display_name="Gordon", email="gordon@example.org")
    CollectiveMembershipFactory(collective=collective, person=user)
    return user


@pytest.fixture
def project(collective: Collective, member: User) -> Project:
    project = ProjectFactory(
        collective=collective,
        title="Life after stroke",
        stage=Stage.DESIGN,
        topics="stroke, rehabilitation",
        created_by=member,
    )
    ProjectMembershipFactory(project=project, person=member)
    return project


@pytest.fixture
def coordinator(project: Project) -> User:
    user = UserFactory(display_name="Amara", email="amara@example.org")
    CollectiveMembershipFactory(collective=project.collective, person=user)
    ProjectMembershipFactory(project=project, person=user, is_coordinator=True)
    return user


@pytest.fixture
def outsider(db: None) -> User:
    return UserFactory(display_name="Olu", email="olu@example.org")
