"""Two members adding the same organisation at the same moment, on PostgreSQL with real
connections: the database's unique name keeps one, and the other is told plainly."""

from __future__ import annotations

from levelfield.collectives.tests.threads import CONCURRENCY_MARKS, at_once
from levelfield.lib.testing.world import World
from levelfield.partners import services
from levelfield.partners.models import Organisation

pytestmark = CONCURRENCY_MARKS


def test_two_members_adding_one_organisation_at_once_record_it_once(world: World) -> None:
    # The world is committed here (the module's marks ask for a transactional database),
    # so the threads' own connections see it: Mo and Cal, both in Riverside, add it.
    people = [world.member, world.collective_member]
    place = world.collective_place
    results = at_once(
        2,
        lambda n: services.organisation_create(
            place=place,
            actor=people[n],
            values={"name": "Carers Together" if n else "carers together", "kind": "charity"},
            relationships=["charity"],
        ),
    )
    refused = [r for r in results if isinstance(r, services.PartnerError)]
    assert len(refused) == 1 and refused[0].code == "name"
    assert Organisation.objects.filter(place=place).count() == 1
