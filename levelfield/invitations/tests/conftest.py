"""A collective with a project, its members and an outsider, for invitation tests."""

from __future__ import annotations

import pytest

from levelfield.collectives.models import Collective
from levelfield.collectives.tests.factories import CollectiveFactory, CollectiveMembershipFactory
from levelfield.people.models import User
from levelfield.people.tests.factories import UserFactory
from levelfield.projects.models import Project, Stage
from levelfield.projects.tests.factories import ProjectFactory, ProjectMembershipFactory


@pytest.fixture
def collective(db: None) -> Collective:
    return CollectiveFactory(name="Leeds Carers Collective", slug="leeds-carers")


@pytest.fixture
def coordinator(collective: Collective) -> User:
    user = UserFactory(display_name="Cora", email="cora@example.org")
    CollectiveMembershipFactory(collective=collective, person=user, is_coordinator=True)
    return user


@pytest.fixture
def member(collective: Collective, coordinator: User) -> User:
    user = UserFactory(display_name="Mo", email="mo@example.org")
    CollectiveMembershipFactory(collective=collective, person=user)
    return user


@pytest.fixture
def project(collective: Collective, member: User) -> Project:
    project = ProjectFactory(
        collective=collective, title="Life after stroke", stage=Stage.DESIGN, created_by=member
    )
    ProjectMembershipFactory(project=project, person=member)
    return project


@pytest.fixture
def project_coordinator(project: Project) -> User:
    user = UserFactory(display_name="Amara", email="amara@example.org")
    CollectiveMembershipFactory(collective=project.collective, person=user)
    ProjectMembershipFactory(project=project, person=user, is_coordinator=True)
    return user


@pytest.fixture
def outsider(db: None) -> User:
    return UserFactory(display_name="Olu", email="olu@example.org")


@pytest.fixture
def sam(db: None) -> User:
    return UserFactory(email="sam@example.org", display_name="Sam")
