"""The same person expressing interest twice at the same moment (a double click, or
two tabs), on PostgreSQL: one expression of interest, counted once in the reach totals."""

from __future__ import annotations

import pytest

from levelfield.collectives.tests.threads import CONCURRENCY_MARKS, at_once
from levelfield.lib.testing.world import World
from levelfield.opportunities import services
from levelfield.opportunities.models import Interest, ReachCount
from levelfield.opportunities.tests.conftest import make

pytestmark = CONCURRENCY_MARKS


def test_the_same_address_expressing_interest_twice_at_once_gets_one_interest(
    listed: World,
) -> None:
    opportunity = make(listed)
    results = at_once(
        2,
        lambda n: services.interest_express(
            opportunity=opportunity,
            name="Kemi",
            email="Kemi@Example.org" if n else "kemi@example.org",
            why=f"Because ({n}).",
            reach={"carer": "yes"},
        ),
    )
    assert all(isinstance(result, Interest) for result in results), results
    assert Interest.objects.filter(opportunity=opportunity).count() == 1
    assert ReachCount.objects.get(question="answered").count == 1
    assert ReachCount.objects.get(question="carer", answer="yes").count == 1


def test_two_people_answering_reach_at_once_both_count(listed: World) -> None:
    opportunity = make(listed)
    at_once(
        3,
        lambda n: services.interest_express(
            opportunity=opportunity,
            name=f"Person {n}",
            email=f"p{n}@example.org",
            why="Because.",
            reach={"age_band": "25_34"},
        ),
    )
    assert ReachCount.objects.get(question="age_band", answer="25_34").count == 3


@pytest.fixture
def world(world):  # noqa: ANN001, ANN201 - the same world, committed for real connections
    return world
