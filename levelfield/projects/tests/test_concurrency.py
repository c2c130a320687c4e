"""Two corrections at the same moment must not lose one. Real concurrent connections
need PostgreSQL. (Invitations: levelfield/invitations/tests/test_concurrency.py.)"""

from __future__ import annotations

from django.utils import timezone

from levelfield.collectives.tests.threads import CONCURRENCY_MARKS, at_once
from levelfield.history.models import Change
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
