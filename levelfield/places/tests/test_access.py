"""Reaching a place or a collective: the membership read to let someone in also settles
what members and coordinators may do there, so the page asks nothing more."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from levelfield.collectives.access import collective_for_member, may_in
from levelfield.collectives.roles import Action
from levelfield.lib.testing.world import World
from levelfield.payments.tests.factories import PaymentPolicyFactory
from levelfield.places.access import collective_place, place_for_member
from levelfield.places.models import PlaceMembership

pytestmark = pytest.mark.django_db


def test_the_coordinator_opens_a_coordinators_page_with_one_query(
    world: World, django_assert_num_queries: object
) -> None:
    place = collective_place(world.collective.pk)
    with django_assert_num_queries(1):
        reached = place_for_member(world.coordinator, place.pk, action=Action.PUBLISH_STORIES)
    assert reached == place and reached.collective == world.collective


def test_a_member_opens_a_members_page_with_one_query(
    world: World, django_assert_num_queries: object
) -> None:
    place = world.project.place
    with django_assert_num_queries(1):
        reached = place_for_member(world.member, place.pk, action=Action.RECORD_INVOLVEMENT)
    assert reached.project == world.project


def test_a_member_is_told_only_the_coordinator_may(world: World) -> None:
    place = collective_place(world.collective.pk)
    with pytest.raises(PermissionDenied, match="Only the coordinator may"):
        place_for_member(world.collective_member, place.pk, action=Action.PUBLISH_STORIES)


def test_each_places_own_membership_decides(world: World) -> None:
    """Gita holds the coordinator job in her group, not in the collective."""
    PlaceMembership.objects.filter(place=world.group, person=world.group_member).update(
        coordinator_since=datetime(2026, 1, 5, 10, tzinfo=UTC)
    )
    group = place_for_member(world.group_member, world.group.pk, action=Action.PUBLISH_STORIES)
    assert group == world.group
    with pytest.raises(PermissionDenied):
        place_for_member(
            world.group_member, world.collective_place.pk, action=Action.PUBLISH_STORIES
        )


def test_approvers_are_still_decided_in_the_collective(world: World) -> None:
    """A member the payment policy names approves claims in the project too, which the
    project's membership alone cannot say."""
    policy = PaymentPolicyFactory(collective=world.collective)
    place = world.project.place
    with pytest.raises(PermissionDenied):
        place_for_member(world.member, place.pk, action=Action.APPROVE_CLAIM)
    policy.approvers.add(world.member)
    assert place_for_member(world.member, place.pk, action=Action.APPROVE_CLAIM) == place


def test_someone_outside_finds_nothing(world: World) -> None:
    place = world.project.place
    with pytest.raises(Http404):
        place_for_member(world.outsider, place.pk, action=Action.RECORD_INVOLVEMENT)
    with pytest.raises(Http404):
        place_for_member(world.outsider, place.pk)


def test_a_collective_page_knows_its_coordinator_from_the_membership_it_read(
    world: World, django_assert_num_queries: object
) -> None:
    """Reaching the collective reads the reader's membership; what members and
    coordinators may do is then known without another query, for that reader only."""
    with django_assert_num_queries(1):
        collective = collective_for_member(world.coordinator, world.collective.slug)
        assert may_in(world.coordinator, Action.PUBLISH_STORIES, collective)
        assert may_in(world.coordinator, Action.EDIT, collective)
    member_view = collective_for_member(world.collective_member, world.collective.slug)
    with django_assert_num_queries(0):
        assert not may_in(world.collective_member, Action.PUBLISH_STORIES, member_view)
    # Asked about someone else, it asks the database rather than answer for the reader.
    with django_assert_num_queries(1):
        assert may_in(world.coordinator, Action.PUBLISH_STORIES, member_view)
    with pytest.raises(Http404):
        collective_for_member(world.outsider, world.collective.slug)


def test_approvers_of_a_collective_are_asked_of_the_payment_policy(world: World) -> None:
    policy = PaymentPolicyFactory(collective=world.collective)
    collective = collective_for_member(world.collective_member, world.collective.slug)
    assert not may_in(world.collective_member, Action.APPROVE_CLAIM, collective)
    policy.approvers.add(world.collective_member)
    assert may_in(world.collective_member, Action.APPROVE_CLAIM, collective)
