"""Joining the analysis team twice at the same moment, on PostgreSQL: one place on the
team, and the second answer is a plain message, not a server error."""

from __future__ import annotations

from levelfield.analysis import services
from levelfield.analysis.models import TeamMember
from levelfield.analysis.services import AnalysisError
from levelfield.collectives.tests.threads import CONCURRENCY_MARKS, at_once
from levelfield.lib.testing.world import World

pytestmark = CONCURRENCY_MARKS


def test_joining_twice_at_once_gives_one_place_on_the_team(world: World) -> None:
    results = at_once(
        2, lambda _n: services.team_join(place=world.project_place, person=world.member)
    )
    joined = [result for result in results if isinstance(result, TeamMember)]
    told = [result for result in results if isinstance(result, AnalysisError)]
    assert (len(joined), len(told)) == (1, 1), results
    assert "already on the analysis team" in str(told[0])
    assert TeamMember.objects.filter(place=world.project_place, person=world.member).count() == 1
