"""Two clicks at the same moment must not make two memberships or use a one-off
invitation twice, for a collective or a project. Real concurrent connections need
PostgreSQL."""

from __future__ import annotations

import threading

import pytest

from levelfield.collectives.tests.threads import CONCURRENCY_MARKS, at_once
from levelfield.history.models import Change
from levelfield.invitations import services
from levelfield.invitations.models import Invitation
from levelfield.invitations.tests.factories import (
    CollectiveInvitationFactory,
    ProjectInvitationFactory,
)
from levelfield.people.tests.factories import UserFactory
from levelfield.places.models import PlaceMembership

pytestmark = CONCURRENCY_MARKS

KINDS = [
    pytest.param(CollectiveInvitationFactory, PlaceMembership, "joined", id="collective"),
    pytest.param(ProjectInvitationFactory, PlaceMembership, "member_joined", id="project"),
]


@pytest.mark.parametrize(("factory", "membership", "joined"), KINDS)
def test_one_person_accepting_a_link_many_times_at_once_joins_once(
    factory: type, membership: type, joined: str
) -> None:
    link = factory(email="")
    person = UserFactory()

    results = at_once(6, lambda _: services.invitation_accept(invitation=link, user=person))

    assert all(isinstance(result, tuple) for result in results), results
    assert sum(1 for _, created in results if created) == 1
    assert membership.objects.filter(person=person).count() == 1
    assert Change.objects.filter(action=joined, actor=person).count() == 1
    link.refresh_from_db()
    assert link.times_used == 1


@pytest.mark.parametrize(("factory", "membership", "joined"), KINDS)
def test_an_emailed_invitation_accepted_by_two_sessions_at_once_is_used_once(
    factory: type, membership: type, joined: str
) -> None:
    person = UserFactory(email="sam@example.org")
    invitation = factory(email="sam@example.org")

    results = at_once(4, lambda _: services.invitation_accept(invitation=invitation, user=person))

    assert all(isinstance(result, tuple) for result in results), results
    assert membership.objects.filter(person=person).count() == 1
    assert Change.objects.filter(action=joined, actor=person).count() == 1
    assert Invitation.objects.get().status == "accepted"


@pytest.mark.parametrize(("factory", "membership", "joined"), KINDS)
def test_many_people_join_through_one_link_at_once_and_every_use_is_counted(
    factory: type, membership: type, joined: str
) -> None:
    link = factory(email="")
    people = [UserFactory() for _ in range(5)]
    queue = list(people)
    lock = threading.Lock()

    def accept(_: int) -> object:
        with lock:
            person = queue.pop()
        return services.invitation_accept(invitation=link, user=person)

    at_once(5, accept)

    assert membership.objects.filter(person__in=people).count() == 5
    link.refresh_from_db()
    assert link.times_used == 5
