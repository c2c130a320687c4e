"""Two clicks at the same moment must not make two memberships or use a one-off
invitation twice. Real concurrent connections need PostgreSQL."""

from __future__ import annotations

import threading

from levelfield.collectives import services
from levelfield.collectives.invitations import InvitationProblem
from levelfield.collectives.models import CollectiveInvitation, CollectiveMembership
from levelfield.collectives.tests.factories import CollectiveInvitationFactory
from levelfield.collectives.tests.threads import CONCURRENCY_MARKS, at_once
from levelfield.history.models import Change
from levelfield.people.tests.factories import UserFactory

pytestmark = CONCURRENCY_MARKS


def test_one_person_accepting_a_link_many_times_at_once_joins_once() -> None:
    link = CollectiveInvitationFactory(email="")
    person = UserFactory()

    results = at_once(6, lambda _: services.invitation_accept(invitation=link, user=person))

    assert all(isinstance(result, CollectiveMembership) for result in results), results
    assert CollectiveMembership.objects.filter(person=person).count() == 1
    assert Change.objects.filter(action="joined", actor=person).count() == 1
    link.refresh_from_db()
    assert link.times_used == 1


def test_an_emailed_invitation_accepted_by_two_sessions_at_once_is_used_once() -> None:
    person = UserFactory(email="sam@example.org")
    invitation = CollectiveInvitationFactory(email="sam@example.org")

    results = at_once(4, lambda _: services.invitation_accept(invitation=invitation, user=person))

    assert not [result for result in results if isinstance(result, InvitationProblem)]
    assert CollectiveMembership.objects.filter(person=person).count() == 1
    assert CollectiveInvitation.objects.get().status == "accepted"


def test_many_people_join_through_one_link_at_once_and_every_use_is_counted() -> None:
    link = CollectiveInvitationFactory(email="")
    people = [UserFactory() for _ in range(5)]
    queue = list(people)
    lock = threading.Lock()

    def accept(_: int) -> object:
        with lock:
            person = queue.pop()
        return services.invitation_accept(invitation=link, user=person)

    at_once(5, accept)

    assert CollectiveMembership.objects.filter(collective=link.collective).count() == 5
    link.refresh_from_db()
    assert link.times_used == 5
