"""Two submissions from one person at the same moment leave exactly one response.

Real concurrent connections need PostgreSQL (SQLite serialises every write anyway).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.conf import settings
from django.db import connection

from levelfield.decisions import services
from levelfield.decisions.models import Method, Response, ResponseChange, Voter
from levelfield.decisions.tests.factories import make_team

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        "postgresql" not in settings.DATABASES["default"]["ENGINE"],
        reason="needs PostgreSQL for real concurrent connections",
    ),
]


def _together(jobs: list[Callable[[], Any]]) -> list[Any]:
    """Run the jobs in threads, each with its own database connection, released at once."""
    barrier = threading.Barrier(len(jobs))
    outcomes: list[Any] = [None] * len(jobs)

    def run(index: int) -> None:
        try:
            barrier.wait()
            outcomes[index] = jobs[index]()
        except Exception as error:  # noqa: BLE001 - the test inspects what each thread got
            outcomes[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(jobs))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def test_two_simultaneous_submissions_from_one_person_leave_one_response() -> None:
    team = make_team(2)
    decision = team.start(Method.PROPOSAL)
    person = team.members[1]
    for _ in range(5):
        outcomes = _together(
            [
                lambda: services.response_submit(
                    decision=decision, person=person, payload={"stance": "agree"}
                ),
                lambda: services.response_submit(
                    decision=decision, person=person, payload={"stance": "disagree"}
                ),
                lambda: services.response_submit(
                    decision=decision, person=person, payload={"stance": "abstain"}
                ),
            ]
        )
        assert not [o for o in outcomes if isinstance(o, Exception)], outcomes
        assert Response.objects.filter(decision=decision, person=person).count() == 1
    # Every change after the first is kept in the history.
    assert ResponseChange.objects.filter(response__decision=decision).count() >= 1


def test_two_simultaneous_anonymous_submissions_leave_one_voter_and_one_sealed_answer() -> None:
    team = make_team(2)
    decision = team.start(Method.CONSENT, anonymous=True)
    person = team.members[1]
    for _ in range(3):
        outcomes = _together(
            [
                lambda: services.response_submit(
                    decision=decision, person=person, payload={"stance": "consent"}
                ),
                lambda: services.response_submit(
                    decision=decision, person=person, payload={"stance": "object"}
                ),
            ]
        )
        # The second to take the decision's lock changes the first one's answer.
        assert not [o for o in outcomes if isinstance(o, Exception)], outcomes
        assert Voter.objects.filter(decision=decision, person=person).count() == 1
        assert not Response.objects.filter(decision=decision).exists()
    answer = services.ballot_of(decision=decision, person=person)
    assert answer is not None and answer.payload["stance"] in {"consent", "object"}
    services.decision_close(decision=decision, now=decision.closes_at)
    assert Response.objects.filter(decision=decision).count() == 1


def test_the_database_refuses_a_second_voter_row_for_the_same_person() -> None:
    from django.db import IntegrityError, transaction

    team = make_team(1)
    decision = team.start(Method.PROPOSAL, anonymous=True)
    Voter.objects.create(decision=decision, person=team.starter)
    with pytest.raises(IntegrityError), transaction.atomic():
        Voter.objects.create(decision=decision, person=team.starter)


def test_the_database_refuses_a_second_response_from_the_same_person() -> None:
    from django.db import IntegrityError, transaction

    team = make_team(1)
    decision = team.start(Method.PROPOSAL)
    Response.objects.create(decision=decision, person=team.starter, payload={"stance": "agree"})
    with pytest.raises(IntegrityError), transaction.atomic():
        Response.objects.create(
            decision=decision, person=team.starter, payload={"stance": "block"}
        )


def test_many_people_responding_and_changing_at_once_leave_the_counts_exact() -> None:
    from levelfield.collectives.tests.threads import at_once
    from levelfield.decisions.models import Decision, Tally

    team = make_team(8)
    named = team.start(Method.RANKED)
    anonymous = team.start(Method.PROPOSAL, anonymous=True)
    ids = list(named.options.values_list("pk", flat=True))
    stances = ["agree", "abstain", "disagree", "block"]

    def respond(number: int) -> None:
        person = team.members[number % 8]
        services.response_submit(
            decision=named,
            person=person,
            payload={"ranking": ids[number % 3 :] + ids[: number % 3]},
            reason="Why" if number % 2 else "",
        )
        services.response_submit(
            decision=anonymous,
            person=person,
            payload={"stance": stances[number % 4]},
            reason="Because" if number % 3 == 0 else "",
        )

    for round_ in range(3):
        outcomes = at_once(16, lambda n, r=round_: respond(n + r))
        assert not [o for o in outcomes if isinstance(o, Exception)], outcomes
        assert services.tallies_wrong(decisions=Decision.objects.all()) == []
    assert Tally.objects.get(decision=named).responses == 8
    assert Tally.objects.get(decision=anonymous).responses == 8
    services.decision_close(decision=anonymous, now=anonymous.closes_at)
    assert services.tallies_wrong(decisions=Decision.objects.all()) == []
    assert Tally.objects.get(decision=anonymous).counted == 8


def test_closing_while_people_respond_counts_exactly_the_responses_given_before_it() -> None:
    """Responses hold the decision only against changes to it, so closing waits for
    those under way and those after it are refused: the kept counts stay exact."""
    from levelfield.collectives.tests.threads import at_once
    from levelfield.decisions.models import Decision, Tally

    team = make_team(8)
    decision = team.start(Method.PROPOSAL)
    stances = ["agree", "abstain", "disagree", "block"]

    def act(number: int) -> object:
        if number == 4:
            return services.decision_close(decision=decision, early=True)
        return services.response_submit(
            decision=decision,
            person=team.members[number if number < 4 else number - 1],
            payload={"stance": stances[number % 4]},
            reason="Because",
        )

    outcomes = at_once(9, act)
    refused = [o for o in outcomes if isinstance(o, services.DecisionError)]
    assert not [o for o in outcomes if isinstance(o, Exception) and o not in refused], outcomes
    decision.refresh_from_db()
    assert decision.closed_at is not None
    given = Response.objects.filter(decision=decision)
    assert Tally.objects.get(decision=decision).responses == given.count() == 8 - len(refused)
    assert services.tallies_wrong(decisions=Decision.objects.all()) == []
