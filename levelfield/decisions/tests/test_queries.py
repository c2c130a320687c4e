"""Pages cost the same number of queries with 1 response or 20 (and 1 decision or 20)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from levelfield.decisions import services
from levelfield.decisions.models import Method
from levelfield.decisions.tests.factories import later, make_team
from levelfield.people.models import PerspectiveKind
from levelfield.people.tests.factories import PerspectiveFactory

pytestmark = pytest.mark.django_db

PAYLOADS = {
    Method.PROPOSAL: lambda ids, n: {"stance": ["agree", "block", "disagree"][n % 3]},
    Method.RANKED: lambda ids, n: {"ranking": ids[n % 3 :] + ids[: n % 3]},
    Method.SCORE: lambda ids, n: {"scores": {str(i): n % 6 for i in ids}},
    Method.TIME_POLL: lambda ids, n: {"answers": {str(i): "yes" for i in ids}},
}


def _decision_with_responses(method: str, responses: int, anonymous: bool = False) -> tuple:
    team = make_team(responses + 1)
    for person in team.members[::2]:
        PerspectiveFactory(person=person, kind=PerspectiveKind.CARER)
    extra: dict[str, Any] = {"anonymous": anonymous}
    if method == Method.TIME_POLL:
        start = datetime(2030, 1, 1, 10, tzinfo=UTC)
        extra["times"] = [
            services.ProposedTime(start + timedelta(days=d), start + timedelta(days=d, hours=1))
            for d in range(3)
        ]
    decision = team.start(method, voice_check="each", **extra)
    ids = list(decision.options.values_list("pk", flat=True))
    for number, person in enumerate(team.members[1 : responses + 1]):
        services.response_submit(
            decision=decision,
            person=person,
            payload=PAYLOADS[method](ids, number),
            reason=f"Reason {number}",
        )
        if not anonymous:  # a change, so the history table has rows too
            services.response_submit(
                decision=decision,
                person=person,
                payload=PAYLOADS[method](ids, number + 1),
                reason=f"Reason {number}",
            )
        services.point_add(decision=decision, person=person, kind="pro", text="Good")
    return team, decision


def _count(client: object, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("method", list(PAYLOADS))
@pytest.mark.parametrize("anonymous", [False, True])
@pytest.mark.parametrize("closed", [False, True])
def test_a_decision_page_costs_the_same_with_1_or_20_responses(
    client: object,
    method: str,
    anonymous: bool,
    closed: bool,
    django_assert_max_num_queries: Any,
) -> None:
    counts = []
    for responses in (1, 20):
        team, decision = _decision_with_responses(method, responses, anonymous)
        if closed:
            services.decision_close(decision=decision, now=later(decision))
            services.outcome_write(
                decision=decision, person=team.starter, statement="Done", now=later(decision)
            )
        client.force_login(team.starter)
        url = reverse("decisions:detail", args=[decision.pk])
        counts.append(_count(client, url))
        with django_assert_max_num_queries(12):
            client.get(url)
    assert counts[0] == counts[1]


def test_the_log_costs_the_same_with_1_or_20_decisions(
    client: object, django_assert_max_num_queries: Any
) -> None:
    counts = []
    for decisions in (1, 20):
        team = make_team(2)
        for _ in range(decisions):
            decision = team.start(Method.PROPOSAL)
            services.response_submit(
                decision=decision, person=team.starter, payload={"stance": "agree"}
            )
        client.force_login(team.starter)
        for name in ("decisions:place_log", "decisions:place_export_csv"):
            url = reverse(name, args=[team.place.pk])
            with django_assert_max_num_queries(8):
                client.get(url)
        counts.append(_count(client, reverse("decisions:place_log", args=[team.place.pk])))
    assert counts[0] == counts[1]


@pytest.mark.parametrize("anonymous", [False, True])
def test_the_paged_lists_cost_the_same_with_5_or_60_people(
    client: object, anonymous: bool
) -> None:
    counts = []
    for size in (5, 60):
        team = make_team(size + 1)
        decision = team.start(Method.PROPOSAL, anonymous=anonymous)
        for person in team.members[1 : size + 1]:
            services.response_submit(
                decision=decision, person=person, payload={"stance": "agree"}, reason="Yes"
            )
        if anonymous:
            services.decision_close(decision=decision, now=later(decision))
        client.force_login(team.starter)
        names = ["decisions:people", "decisions:reasons"]
        if not anonymous:
            names.append("decisions:people_waiting")
        counts.append([_count(client, reverse(name, args=[decision.pk])) for name in names])
    assert counts[0] == counts[1]
