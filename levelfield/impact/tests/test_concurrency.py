"""Publishing at the same moment, on PostgreSQL with real connections: the impact's row
lock serves the requests one after the other, so it is published once, with one entry in
the history, however many times the button was pressed."""

from __future__ import annotations

from levelfield.collectives.tests.threads import CONCURRENCY_MARKS, at_once
from levelfield.history.models import Change
from levelfield.impact import services
from levelfield.impact.models import Impact, Status
from levelfield.impact.tests.factories import impact_make
from levelfield.lib.testing.world import World

pytestmark = CONCURRENCY_MARKS


def test_four_publishes_at_once_publish_it_once(world: World) -> None:
    impact = impact_make(place=world.project_place, actor=world.member)
    results = at_once(4, lambda n: services.impact_publish(actor=world.coordinator, impact=impact))
    assert not [r for r in results if isinstance(r, Exception)]
    assert Impact.objects.get().status == Status.PUBLISHED
    assert Change.objects.filter(action="impact_published").count() == 1
