"""Two clicks at the same moment must not make two memberships, use a one-off
invitation twice, or lose a correction. Real concurrent connections need PostgreSQL."""

from __future__ import annotations

from django.utils import timezone

from levelfield.collectives.tests.threads import CONCURRENCY_MARKS, at_once
from levelfield.history.models import Change
from levelfield.people.tests.factories import UserFactory
from levelfield.projects import services
from levelfield.projects.models import (
    ActivityKind,
    InvolvementEntry,
    Participation,
    ProjectInvitation,
    ProjectMembership,
    Stage,
)
from levelfield.projects.tests.factories import (
    InvolvementEntryFactory,
    ParticipationFactory,
    ProjectInvitationFactory,
    ProjectMembershipFactory,
)

pytestmark = CONCURRENCY_MARKS


def test_one_person_accepting_a_link_many_times_at_once_joins_once() -> None:
    link = ProjectInvitationFactory(email="")
    person = UserFactory()

    results = at_once(
        6, lambda _: services.project_invitation_accept(invitation=link, user=person)
    )

    assert all(isinstance(result, tuple) for result in results), results
    assert sum(1 for _, created in results if created) == 1
    assert ProjectMembership.objects.filter(person=person).count() == 1
    assert Change.objects.filter(action="member_joined", actor=person).count() == 1
    link.refresh_from_db()
    assert link.times_used == 1


def test_an_emailed_invitation_accepted_by_two_sessions_at_once_is_used_once() -> None:
    person = UserFactory(email="sam@example.org")
    invitation = ProjectInvitationFactory(email="sam@example.org")

    results = at_once(
        4, lambda _: services.project_invitation_accept(invitation=invitation, user=person)
    )

    assert all(isinstance(result, tuple) for result in results), results
    assert ProjectMembership.objects.filter(person=person).count() == 1
    assert ProjectInvitation.objects.get().status == "accepted"


def test_many_people_join_through_one_link_at_once_and_every_use_is_counted() -> None:
    link = ProjectInvitationFactory(email="")
    people = [UserFactory() for _ in range(5)]

    at_once(5, lambda n: services.project_invitation_accept(invitation=link, user=people[n]))

    assert ProjectMembership.objects.filter(project=link.project).count() == 5
    link.refresh_from_db()
    assert link.times_used == 5


def test_two_corrections_at_once_are_both_recorded_one_after_the_other() -> None:
    membership = ProjectMembershipFactory()
    entry = InvolvementEntryFactory(project=membership.project)
    ParticipationFactory(entry=entry, person=membership.person, minutes=60)

    at_once(
        2,
        lambda n: services.involvement_entry_update(
            entry=entry,
            actor=membership.person,
            title=f"Correction {n}",
            happened_on=timezone.localdate(),
            stage=Stage.DESIGN,
            kind=ActivityKind.MEETING,
            participants={membership.person: 60 + 30 * (n + 1)},
        ),
    )

    changes = list(Change.objects.filter(action="entry_updated").order_by("id"))
    assert len(changes) == 2
    # The second correction saw the first one's result as its "before".
    assert changes[1].before["title"] == changes[0].after["title"]
    assert changes[1].before["participants"] == changes[0].after["participants"]
    final = InvolvementEntry.objects.get()
    assert final.title == changes[1].after["title"]
    assert Participation.objects.get().minutes == changes[1].after["participants"][0]["minutes"]
