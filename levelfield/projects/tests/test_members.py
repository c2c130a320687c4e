"""Joining from the collective, and leaving (the members page and the coordinator job
are the place's: levelfield/places/tests/test_members.py)."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from levelfield.collectives.models import Collective
from levelfield.collectives.tests.factories import CollectiveMembershipFactory
from levelfield.history.models import Change
from levelfield.lib.testing.world import World
from levelfield.people.models import User
from levelfield.people.tests.factories import UserFactory
from levelfield.places.models import PlaceMembership
from levelfield.projects.models import Project
from levelfield.projects.tests.factories import (
    InvolvementEntryFactory,
    ParticipationFactory,
    ProjectFactory,
    ProjectMembershipFactory,
)
from levelfield.projects.tests.pages import error_summary_links


def _membership(project: Project, person: User) -> PlaceMembership:
    return PlaceMembership.objects.of_project(project).get(person=person)


# Adding someone from the collective


def test_a_member_adds_someone_from_the_collective_to_the_project(
    client: Client, project: Project, member: User
) -> None:
    colleague = UserFactory(display_name="Chidi")
    CollectiveMembershipFactory(collective=project.collective, person=colleague)
    not_in_collective = UserFactory(display_name="Stranger")
    client.force_login(member)
    url = reverse("projects:invite", args=[project.pk])

    page = client.get(url).content.decode()
    response = client.post(url, {"form": "member", "member-person": colleague.pk})

    assert ">Chidi</option>" in page
    assert "Stranger" not in page
    assert ">Mo</option>" not in page  # already in the project
    assert response.status_code == 302
    assert response["Location"] == reverse("places:members", args=[project.place.pk])
    assert PlaceMembership.objects.of_project(project).filter(person=colleague).exists()
    assert not PlaceMembership.objects.in_projects().filter(person=not_in_collective).exists()
    change = Change.objects.get(project=project, action="member_added")
    assert change.actor == member
    assert change.summary == "Mo added Chidi to the project"
    assert change.after == {"member": "Chidi"}


def test_someone_outside_the_collective_cannot_be_added_directly(
    client: Client, project: Project, member: User, outsider: User
) -> None:
    client.force_login(member)

    response = client.post(
        reverse("projects:invite", args=[project.pk]),
        {"form": "member", "member-person": outsider.pk},
    )

    assert response.status_code == 200
    assert error_summary_links(response.content.decode()) == {
        "Choose someone from the collective who is not yet in the project": "#id_member-person"
    }
    assert not PlaceMembership.objects.in_projects().filter(person=outsider).exists()


def test_when_everyone_in_the_collective_is_in_the_project_there_is_nobody_to_add(
    client: Client, world: World, project: Project, member: User
) -> None:
    # Gita and Cal are the world collective's members not yet in the project.
    for person in (world.group_member, world.collective_member):
        ProjectMembershipFactory(project=project, person=person)
    client.force_login(member)
    html = client.get(reverse("projects:invite", args=[project.pk])).content.decode()
    assert "Everyone in Riverside Co-production Collective is already in this project." in html


# Leaving


def test_a_member_leaves_and_their_past_involvement_stays(
    client: Client, project: Project, member: User, coordinator: User
) -> None:
    entry = InvolvementEntryFactory(project=project)
    ParticipationFactory(entry=entry, person=member, minutes=120)
    client.force_login(member)
    url = reverse("projects:leave", args=[project.pk])

    confirm = client.get(url).content.decode()
    response = client.post(url)

    assert "Leave the project" in confirm and "govuk-button--warning" in confirm
    assert response.status_code == 302
    assert response["Location"] == reverse("projects:list")
    assert not PlaceMembership.objects.of_project(project).filter(person=member).exists()
    assert entry.participations.get().person == member
    change = Change.objects.get(project=project, action="member_left", actor=member)
    assert change.actor == member
    assert change.before == {"member": "Mo", "coordinator": "no"}
    assert client.get(reverse("projects:detail", args=[project.pk])).status_code == 404


def test_the_last_member_cannot_leave_so_the_project_is_not_lost(
    client: Client, collective: Collective, member: User
) -> None:
    # A second project in the world's collective: the world's own has Cora in it too.
    project = ProjectFactory(collective=collective, title="Mo's own project", created_by=member)
    ProjectMembershipFactory(project=project, person=member)
    client.force_login(member)
    url = reverse("projects:leave", args=[project.pk])

    page = client.get(url).content.decode()
    client.post(url)

    assert "You are the only member of this project" in page
    assert "govuk-button--warning" not in page
    assert PlaceMembership.objects.of_project(project).filter(person=member).exists()
    assert not Change.objects.filter(project=project).exists()


def test_a_former_member_can_be_added_back_from_the_collective(
    client: Client, project: Project, member: User, coordinator: User
) -> None:
    client.force_login(coordinator)
    client.post(reverse("projects:leave", args=[project.pk]))
    client.force_login(member)

    client.post(
        reverse("projects:invite", args=[project.pk]),
        {"form": "member", "member-person": coordinator.pk},
    )

    assert _membership(project, coordinator)
    assert not _membership(project, coordinator).is_coordinator
