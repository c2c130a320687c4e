"""Answers and closing at the same moment, on PostgreSQL with real connections.

An answer either arrives before the round's answers are written out, and is counted, or
is refused with the reason; it is never sealed after closing and silently lost. A
person answering twice at once still has one respondent row."""

from __future__ import annotations

from datetime import timedelta

import pytest

from levelfield.collectives.tests.threads import CONCURRENCY_MARKS, at_once
from levelfield.lib.testing.world import World
from levelfield.reflection import services
from levelfield.reflection.models import CheckInRound, Respondent, Submission
from levelfield.reflection.tests.factories import answer_all, make_team

# The one test world, committed (transaction=True) for the real connections; each team is a
# second project in its collective, with the five-per-perspective members the world lacks.
pytestmark = CONCURRENCY_MARKS


def test_an_answer_racing_the_closing_is_counted_or_refused_never_lost(world: World) -> None:
    team = make_team(
        public=5, professionals=5, collective=world.collective, outsider=world.outsider
    )
    checkin = team.open_round()
    answer_all(checkin, team.members[:9], 3)
    last = team.members[9]
    moment = checkin.closes_at - timedelta(seconds=1)

    def work(number: int) -> object:
        if number == 0:
            return services.round_close(checkin=checkin, now=checkin.closes_at)
        return answer_all(checkin, [last], 4, now=moment)

    results = at_once(2, work)
    checkin = CheckInRound.objects.get(pk=checkin.pk)
    answered = Respondent.objects.filter(round=checkin, person=last).exists()
    refused = [r for r in results if isinstance(r, services.CheckInError)]
    assert not [r for r in results if isinstance(r, Exception) and r not in refused]
    assert checkin.closed_at is not None
    assert Submission.objects.filter(round=checkin).count() == checkin.respondent_count
    assert checkin.respondent_count == (10 if answered else 9)
    assert not Respondent.objects.filter(round=checkin, sealed_answers__isnull=False).exists()


def test_one_person_answering_twice_at_once_keeps_one_row(world: World) -> None:
    team = make_team(
        public=5, professionals=0, collective=world.collective, outsider=world.outsider
    )
    checkin = team.open_round(person=team.public[0])
    results = at_once(3, lambda n: answer_all(checkin, [team.public[1]], 1 + n))
    assert not [r for r in results if isinstance(r, Exception)]
    assert Respondent.objects.filter(round=checkin).count() == 1


@pytest.mark.parametrize("twice", [2])
def test_two_workers_closing_at_once_write_the_answers_out_once(world: World, twice: int) -> None:
    team = make_team(
        public=5, professionals=5, collective=world.collective, outsider=world.outsider
    )
    checkin = team.open_round()
    answer_all(checkin, team.members, 3)
    results = at_once(
        twice, lambda n: services.round_close(checkin=checkin, now=checkin.closes_at)
    )
    assert sorted(results) == [False, True]
    assert Submission.objects.filter(round=checkin).count() == 10
