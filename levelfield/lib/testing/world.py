"""The one test world: the people and places every app's tests start from.

The roles are the permission matrix's (a visitor, an outsider, a member, a coordinator,
a former member) plus the ones places add: someone in a group only, and someone in the
collective but in none of its groups or projects. Build it with the `world` fixture
(root conftest.py); an app adds its own objects to the places here rather than making a
second collective with other names.
"""

from __future__ import annotations

from dataclasses import dataclass

from levelfield.collectives import services as collective_services
from levelfield.collectives.models import Collective
from levelfield.collectives.tests.factories import CollectiveFactory, CollectiveMembershipFactory
from levelfield.people.models import User
from levelfield.people.tests.factories import UserFactory
from levelfield.places import services as place_services
from levelfield.places.models import Place
from levelfield.projects import services as project_services
from levelfield.projects.models import Project
from levelfield.projects.tests.factories import ProjectFactory, ProjectMembershipFactory


@dataclass(frozen=True)
class World:
    """Riverside collective, with a project and a standing group.

    - `coordinator` (Cora) coordinates the collective and the project;
    - `member` (Mo) is in the collective, the project and the group;
    - `group_member` (Gita) is in the collective and the group only;
    - `collective_member` (Cal) is in the collective only;
    - `former` (Fern) was in the collective and the project, and left both;
    - `outsider` (Olu) has an account and belongs to nothing here.
    """

    collective: Collective
    collective_place: Place
    project: Project
    project_place: Place
    group: Place
    coordinator: User
    member: User
    group_member: User
    collective_member: User
    former: User
    outsider: User

    def people(self) -> dict[str, User]:
        return {
            "coordinator": self.coordinator,
            "member": self.member,
            "group_member": self.group_member,
            "collective_member": self.collective_member,
            "former": self.former,
            "outsider": self.outsider,
        }


def world_build() -> World:
    """Make the world in the test database (each test's own transaction undoes it)."""
    coordinator = UserFactory(display_name="Cora")
    member = UserFactory(display_name="Mo")
    group_member = UserFactory(display_name="Gita")
    collective_member = UserFactory(display_name="Cal")
    former = UserFactory(display_name="Fern")
    outsider = UserFactory(display_name="Olu")
    collective = CollectiveFactory(name="Riverside Co-production Collective", slug="riverside")
    for person in (member, group_member, collective_member):
        CollectiveMembershipFactory(collective=collective, person=person)
    CollectiveMembershipFactory(collective=collective, person=coordinator, is_coordinator=True)
    project = ProjectFactory(
        collective=collective, title="Living well after a stroke", created_by=coordinator
    )
    ProjectMembershipFactory(project=project, person=coordinator, is_coordinator=True)
    ProjectMembershipFactory(project=project, person=member)
    leaving = CollectiveMembershipFactory(collective=collective, person=former)
    ProjectMembershipFactory(project=project, person=former)
    project_services.project_leave(project=project, person=former)
    collective_services.membership_leave(membership=leaving)
    group = place_services.group_create(
        collective=collective,
        actor=member,
        name="Allies Group",
        purpose="Co-creating a new way of making decisions together.",
    )
    place_services.group_join(group=group, person=group_member)
    return World(
        collective=collective,
        collective_place=Place.objects.get(collective=collective, kind="collective"),
        project=project,
        project_place=project.place,
        group=group,
        coordinator=coordinator,
        member=member,
        group_member=group_member,
        collective_member=collective_member,
        former=former,
        outsider=outsider,
    )
