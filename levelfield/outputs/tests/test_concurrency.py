"""People crediting and reordering at the same moment, on PostgreSQL with real
connections: the output's row lock serves them one after the other, so every person
credited gets their own place in the list and none is lost."""

from __future__ import annotations

from levelfield.collectives.tests.threads import CONCURRENCY_MARKS, at_once
from levelfield.lib.testing.world import World
from levelfield.outputs import services
from levelfield.outputs.models import Contributor
from levelfield.outputs.tests.factories import output_make

pytestmark = CONCURRENCY_MARKS


def test_four_people_credited_at_once_each_get_their_own_place(world: World) -> None:
    output = output_make(place=world.project_place, actor=world.member)
    results = at_once(
        4,
        lambda n: services.contributor_add(actor=world.member, output=output, name=f"Person {n}"),
    )
    assert not [r for r in results if isinstance(r, Exception)]
    positions = sorted(Contributor.objects.values_list("position", flat=True))
    assert positions == [1, 2, 3, 4]


def test_taking_off_and_crediting_at_once_keeps_the_list_whole(world: World) -> None:
    output = output_make(place=world.project_place, actor=world.member)
    first, _second = (
        services.contributor_add(actor=world.member, output=output, name=name)
        for name in ("Ana", "Ben")
    )
    results = at_once(
        2,
        lambda n: (
            services.contributor_remove(actor=world.member, contributor=first)
            if n == 0
            else services.contributor_add(actor=world.member, output=output, name="Cy")
        ),
    )
    assert not [r for r in results if isinstance(r, Exception)]
    rows = list(Contributor.objects.order_by("position").values_list("name", "position"))
    assert [name for name, _ in rows] == ["Ben", "Cy"]
    assert [position for _, position in rows] == [1, 2]
