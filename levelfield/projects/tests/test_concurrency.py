"""Two corrections at the same moment must not lose one. Real concurrent connections
need PostgreSQL. (Invitations: levelfield/invitations/tests/test_concurrency.py.)"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils import timezone

from levelfield.collectives.tests.factories import CollectiveMembershipFactory
from levelfield.collectives.tests.threads import CONCURRENCY_MARKS, at_once
from levelfield.history.models import Change
from levelfield.people.tests.factories import UserFactory
from levelfield.places.models import JoinRequest, PlaceMembership
from levelfield.projects import services
from levelfield.projects.models import (
    ActivityKind,
    InvolvementEntry,
    Participation,
    Stage,
)
from levelfield.projects.tests.factories import (
    InvolvementEntryFactory,
    ParticipationFactory,
    ProjectJoinRequestFactory,
    ProjectMembershipFactory,
)

pytestmark = CONCURRENCY_MARKS


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


def test_two_members_accepting_one_request_to_join_at_once_add_one_membership() -> None:
    first = ProjectMembershipFactory()
    project = first.project
    second = ProjectMembershipFactory(project=project)
    asker = UserFactory()
    CollectiveMembershipFactory(collective=project.collective, person=asker)
    join_request = ProjectJoinRequestFactory(project=project, person=asker)
    actors = [first.person, second.person, first.person, second.person]

    results = at_once(
        4,
        lambda n: services.project_join_request_accept(join_request=join_request, actor=actors[n]),
    )

    assert sum(isinstance(result, PlaceMembership) for result in results) == 1, results
    assert all(isinstance(result, (PlaceMembership, ValidationError)) for result in results), (
        results
    )
    assert PlaceMembership.objects.of_project(project).filter(person=asker).count() == 1
    assert Change.objects.filter(action="join_request_accepted").count() == 1


def test_asking_to_join_twice_at_once_keeps_one_waiting_request() -> None:
    project = ProjectMembershipFactory().project
    asker = UserFactory()
    CollectiveMembershipFactory(collective=project.collective, person=asker)

    results = at_once(
        4, lambda _: services.project_join_request_create(project=project, person=asker)
    )

    assert JoinRequest.objects.filter(place=project.place, person=asker).count() == 1
    assert all(isinstance(r, (JoinRequest, ValidationError)) for r in results), results
