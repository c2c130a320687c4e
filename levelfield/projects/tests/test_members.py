"""Joining from the collective, the coordinator job, and leaving."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from levelfield.collectives.tests.factories import CollectiveMembershipFactory
from levelfield.history.models import Change
from levelfield.lib.words import day
from levelfield.people.models import User
from levelfield.people.tests.factories import UserFactory
from levelfield.projects.models import Project, ProjectMembership
from levelfield.projects.tests.factories import (
    InvolvementEntryFactory,
    ParticipationFactory,
)
from levelfield.projects.tests.pages import error_summary_links, text


def _membership(project: Project, person: User) -> ProjectMembership:
    return ProjectMembership.objects.get(project=project, person=person)


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
    assert ">Gordon</option>" not in page  # already in the project
    assert response.status_code == 302
    assert response["Location"] == reverse("projects:members", args=[project.pk])
    assert ProjectMembership.objects.filter(project=project, person=colleague).exists()
    assert not ProjectMembership.objects.filter(person=not_in_collective).exists()
    change = Change.objects.get(project=project, action="member_added")
    assert change.actor == member
    assert change.summary == "Gordon added Chidi to the project"
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
    assert not ProjectMembership.objects.filter(person=outsider).exists()


def test_when_everyone_in_the_collective_is_in_the_project_there_is_nobody_to_add(
    client: Client, project: Project, member: User
) -> None:
    client.force_login(member)
    html = client.get(reverse("projects:invite", args=[project.pk])).content.decode()
    assert "Everyone in Stroke Voices is already in this project." in html


# The coordinator job (the rules and the service: collectives/tests/test_coordinator.py)


def _ask(client: Client, project: Project, person: User) -> object:
    membership = _membership(project, person)
    return client.post(reverse("projects:coordinator_ask", args=[project.pk, membership.pk]))


def _own(client: Client, project: Project, what: str) -> object:
    return client.post(reverse(f"projects:coordinator_{what}", args=[project.pk]))


def test_a_member_asks_another_to_coordinate_and_they_accept(
    client: Client, project: Project, member: User, coordinator: User
) -> None:
    _own_step_down = _own  # the coordinator fixture already holds the job
    client.force_login(coordinator)
    _own_step_down(client, project, "step_down")
    assert not _membership(project, coordinator).is_coordinator

    client.force_login(member)
    response = _ask(client, project, coordinator)
    assert response["Location"] == reverse("projects:members", args=[project.pk])
    assert "Asked by Gordon on" in text(client.get(response["Location"]).content.decode())

    client.force_login(coordinator)
    page = text(client.get(reverse("projects:members", args=[project.pk])).content.decode())
    assert "Gordon asked you to take on the coordinator job" in page
    _own(client, project, "accept")

    held = _membership(project, coordinator)
    assert held.is_coordinator and not held.coordinator_asked
    summaries = list(
        Change.objects.filter(project=project, action__startswith="coordinator_")
        .order_by("id")
        .values_list("summary", "before", "after")
    )
    assert summaries == [
        (
            "Amara stepped down from the coordinator job",
            {"member": "Amara", "coordinator": "yes"},
            {"member": "Amara", "coordinator": "no"},
        ),
        (
            "Gordon asked Amara to take on the coordinator job",
            {"member": "Amara", "coordinator": "no"},
            {"member": "Amara", "coordinator": "asked"},
        ),
        (
            "Amara accepted the coordinator job (asked by Gordon)",
            {"member": "Amara", "coordinator": "asked"},
            {"member": "Amara", "coordinator": "yes"},
        ),
    ]


def test_a_member_volunteers_declines_and_steps_down_only_for_themselves(
    client: Client, project: Project, member: User, coordinator: User
) -> None:
    client.force_login(member)
    # Nobody asked Gordon, so his "no, thank you" and "step down" change nothing.
    _own(client, project, "decline")
    _own(client, project, "step_down")
    assert not Change.objects.filter(project=project).exists()
    assert _membership(project, coordinator).is_coordinator

    _ask(client, project, member)

    assert _membership(project, member).is_coordinator
    assert Change.objects.get(project=project).summary == "Gordon took on the coordinator job"


def test_asking_someone_who_has_the_job_changes_nothing(
    client: Client, project: Project, member: User, coordinator: User
) -> None:
    client.force_login(member)
    response = _ask(client, project, coordinator)
    page = text(client.get(response["Location"]).content.decode())
    assert "Amara already has the coordinator job" in page
    assert _membership(project, coordinator).is_coordinator
    assert not Change.objects.filter(project=project).exists()


def test_the_members_page_lists_everyone_with_their_job_and_since_when(
    client: Client, project: Project, member: User, coordinator: User
) -> None:
    client.force_login(member)

    html = client.get(reverse("projects:members", args=[project.pk])).content.decode()

    words = text(html)
    since = day(_membership(project, coordinator).coordinator_since)
    assert "2 members" in words
    assert "Gordon (you)" in words
    assert f"Amara {since} Coordinator since {since}" in words
    assert "Ask to coordinate: Amara" not in words
    assert "Volunteer" in words
    assert "Step down" not in words  # only the holder sees it


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
    assert not ProjectMembership.objects.filter(project=project, person=member).exists()
    assert entry.participations.get().person == member
    change = Change.objects.get(project=project, action="member_left")
    assert change.actor == member
    assert change.before == {"member": "Gordon", "coordinator": "no"}
    assert client.get(reverse("projects:detail", args=[project.pk])).status_code == 404


def test_the_last_member_cannot_leave_so_the_project_is_not_lost(
    client: Client, project: Project, member: User
) -> None:
    client.force_login(member)
    url = reverse("projects:leave", args=[project.pk])

    page = client.get(url).content.decode()
    client.post(url)

    assert "You are the only member of this project" in page
    assert "govuk-button--warning" not in page
    assert ProjectMembership.objects.filter(project=project, person=member).exists()
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
