"""Every place keeps its member count on its row (the collective and project pages read
it instead of counting 20,000 memberships): after every kind of joining and leaving it
equals a fresh count of the memberships."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from levelfield.collectives import services as collective_services
from levelfield.collectives.tests.threads import CONCURRENCY_MARKS, at_once
from levelfield.home.services import person_delete
from levelfield.invitations import services as invitation_services
from levelfield.lib.testing.world import World, world_build
from levelfield.people.tests.factories import UserFactory
from levelfield.places import services as place_services
from levelfield.places.models import Place, PlaceMembership
from levelfield.projects import services as project_services
from levelfield.projects.models import Stage


def assert_counted() -> None:
    """Every place's kept count is a fresh count of its memberships."""
    for place in Place.objects.all():
        assert place.member_count == place.memberships.count(), place


@pytest.mark.django_db
def test_the_world_is_counted(world: World) -> None:
    assert_counted()
    world.project_place.refresh_from_db()
    assert world.project_place.member_count == 2  # Cora and Mo; Fern left


@pytest.mark.django_db
def test_groups_count_who_joins_and_leaves(world: World) -> None:
    group = place_services.group_create(
        collective=world.collective, actor=world.member, name="Walkers", purpose="Walks."
    )
    place_services.group_join(group=group, person=world.collective_member)
    place_services.group_join(group=group, person=world.collective_member)  # twice: no change
    group.refresh_from_db()
    assert group.member_count == 2
    place_services.group_leave(group=group, person=world.member)
    place_services.group_leave(group=group, person=world.member)  # twice: no change
    group.refresh_from_db()
    assert group.member_count == 1
    assert_counted()


@pytest.mark.django_db
def test_projects_count_who_is_added_asks_and_leaves(world: World) -> None:
    world.project_place.refresh_from_db()
    before = world.project_place.member_count
    project_services.project_member_add(
        project=world.project, person=world.collective_member, added_by=world.coordinator
    )
    asked = project_services.project_join_request_create(
        project=world.project, person=world.group_member, message="May I?"
    )
    project_services.project_join_request_accept(join_request=asked, actor=world.coordinator)
    project_services.project_leave(project=world.project, person=world.member)
    world.project_place.refresh_from_db()
    assert world.project_place.member_count == before + 1
    project = project_services.project_create(
        collective=world.collective,
        created_by=world.member,
        title="Another",
        summary="",
        topics="",
        stage=next(iter(Stage)),
    )
    assert Place.objects.get(project=project).member_count == 1
    assert_counted()


@pytest.mark.django_db
def test_collectives_count_who_starts_joins_and_leaves(world: World) -> None:
    collective = collective_services.collective_create(
        name="Hillside", kind=world.collective.kind, description="", created_by=world.outsider
    )
    link = invitation_services.invitation_link_create(
        place=collective.own_place, invited_by=world.outsider, days=7
    )
    invitation_services.invitation_accept(invitation=link, user=world.member)
    invitation_services.invitation_accept(invitation=link, user=world.member)  # twice
    collective.own_place.refresh_from_db()
    assert collective.own_place.member_count == 2
    collective_services.membership_leave(
        membership=PlaceMembership.objects.get(place=collective.own_place, person=world.member)
    )
    collective.own_place.refresh_from_db()
    assert collective.own_place.member_count == 1
    assert_counted()


@pytest.mark.django_db
def test_deleting_an_account_leaves_every_place(world: World) -> None:
    person_delete(person=world.member)
    assert_counted()


def concurrent(test: Callable[[], None]) -> Callable[[], None]:
    """Committed data and real concurrent connections (PostgreSQL only)."""
    for mark in reversed(CONCURRENCY_MARKS):
        test = mark(test)
    return test


@concurrent
def test_people_joining_a_group_at_once_are_all_counted() -> None:
    world = world_build()
    people = [UserFactory() for _ in range(6)]
    for person in people:
        PlaceMembership.objects.create(place=world.collective_place, person=person)
    place_services.place_members_recount(places=Place.objects.all())
    at_once(len(people), lambda n: place_services.group_join(group=world.group, person=people[n]))
    world.group.refresh_from_db()
    assert world.group.member_count == world.group.memberships.count() == 2 + len(people)
