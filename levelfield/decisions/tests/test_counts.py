"""The counts kept as responses arrive always equal a fresh tally of the responses, and
pages built from them show the same results as tallying every response."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from levelfield.decisions import services
from levelfield.decisions.models import Decision, Method, Response, Tally
from levelfield.decisions.results import results_build, results_from_tally
from levelfield.decisions.tests.factories import later, make_team
from levelfield.home.services import person_delete

pytestmark = pytest.mark.django_db

TEAM = 4


def _payload(method: str, ids: list[int], seed: int) -> dict[str, Any]:
    """A valid answer for `method`, different for different seeds."""
    if method == Method.PROPOSAL:
        return {"stance": ["agree", "abstain", "disagree", "block"][seed % 4]}
    if method == Method.CONSENT:
        return {"stance": ["consent", "object"][seed % 2]}
    if method == Method.GRADIENTS:
        return {"stance": ["endorse", "reservations", "veto"][seed % 3]}
    if method == Method.SINGLE_CHOICE:
        return {"options": [ids[seed % len(ids)]]}
    if method == Method.MULTIPLE_CHOICE:
        return {"options": [ids[seed % len(ids)]]}
    if method == Method.RANKED:
        start = seed % len(ids)
        return {"ranking": (ids[start:] + ids[:start])[: 1 + seed % len(ids)]}
    if method == Method.DOT_VOTE:
        return {"dots": {str(ids[seed % len(ids)]): 1 + seed % 10}}
    if method == Method.SCORE:
        return {"scores": {str(i): (seed + n) % 6 for n, i in enumerate(ids) if (seed + n) % 3}}
    return {
        "answers": {str(i): ["yes", "if_need_be", "no"][(seed + n) % 3] for n, i in enumerate(ids)}
    }


def _start(team: Any, method: str, anonymous: bool) -> Decision:
    extra: dict[str, Any] = {"anonymous": anonymous}
    if method == Method.TIME_POLL:
        start = timezone.now() + timedelta(days=20)
        extra["times"] = [
            services.ProposedTime(start + timedelta(days=d), start + timedelta(days=d, hours=1))
            for d in range(3)
        ]
    return team.start(method, **extra)


def _kept(decision: Decision) -> tuple:
    tally = Tally.objects.get(decision=decision)
    return (tally.responses, tally.counted, tally.marks, tally.reasons, tally.changes)


def _fresh(decision: Decision) -> tuple:
    tally = services.tally_fresh(Decision.objects.get(pk=decision.pk))
    return (tally.responses, tally.counted, tally.marks, tally.reasons, tally.changes)


# Each step: (who answers, which answer, whether they give a reason).
steps = st.lists(
    st.tuples(st.integers(0, TEAM - 1), st.integers(0, 11), st.booleans()), max_size=12
)


@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
@given(method=st.sampled_from(Method.values), anonymous=st.booleans(), steps=steps)
def test_kept_counts_equal_a_fresh_tally_after_any_responses_changes_and_closing(
    method: str, anonymous: bool, steps: list[tuple[int, int, bool]]
) -> None:
    team = make_team(TEAM)
    decision = _start(team, method, anonymous)
    ids = list(decision.options.values_list("pk", flat=True))
    for who, seed, with_reason in steps:
        services.response_submit(
            decision=decision,
            person=team.members[who],
            payload=_payload(method, ids, seed),
            reason=f"Because {seed}" if with_reason else "",
        )
        assert _kept(decision) == _fresh(decision)
    services.decision_close(decision=decision, now=later(decision))
    assert _kept(decision) == _fresh(decision)
    assert services.tallies_wrong(decisions=Decision.objects.filter(pk=decision.pk)) == []

    # The results read from the kept counts are those of tallying every response.
    decision = Decision.objects.get(pk=decision.pk)
    options = list(decision.options.all())
    fresh = results_build(decision, options, list(Response.objects.filter(decision=decision)))
    kept = results_from_tally(decision, options, decision.tally)
    fresh.reasons = []
    assert kept == fresh


def test_while_an_anonymous_decision_is_open_only_the_number_of_voters_is_kept(
    db: None,
) -> None:
    team = make_team(3)
    decision = team.start(Method.PROPOSAL, anonymous=True)
    for person in team.members:
        services.response_submit(
            decision=decision, person=person, payload={"stance": "block"}, reason="No"
        )
    tally = Tally.objects.get(decision=decision)
    assert (tally.responses, tally.counted, tally.marks, tally.reasons) == (3, 0, {}, 0)
    services.decision_close(decision=decision, now=later(decision))
    tally.refresh_from_db()
    assert (tally.responses, tally.counted, tally.marks, tally.reasons) == (
        3,
        3,
        {"s|block": 3},
        3,
    )


def test_a_voter_who_deletes_their_account_while_an_anonymous_decision_is_open_is_not_counted(
    db: None,
) -> None:
    team = make_team(3)
    decision = team.start(Method.PROPOSAL, anonymous=True)
    for person in team.members:
        services.response_submit(decision=decision, person=person, payload={"stance": "agree"})
    person_delete(person=team.members[0])
    assert Tally.objects.get(decision=decision).responses == 2
    assert services.tallies_wrong() == []


def test_an_operator_can_check_and_rebuild_counts_after_responses_change_behind_their_back(
    db: None, capsys: Any
) -> None:
    team = make_team(3)
    decision = team.start(Method.PROPOSAL)
    for person in team.members:
        services.response_submit(decision=decision, person=person, payload={"stance": "agree"})
    call_command("rebuild_decision_tallies", "--check")
    assert "Every kept count matches" in capsys.readouterr().out

    # A restore or bulk import changes responses without the services.
    Response.objects.filter(decision=decision, person=team.members[0]).update(
        payload={"stance": "block"}
    )
    with pytest.raises(CommandError, match=str(decision.pk)):
        call_command("rebuild_decision_tallies", "--check")
    before = Tally.objects.get(decision=decision)

    call_command("rebuild_decision_tallies")
    after = Tally.objects.get(decision=decision)
    assert after.marks == {"s|agree": 2, "s|block": 1}
    assert after.generation != before.generation  # nothing cached from before is used
    call_command("rebuild_decision_tallies", "--check")

    client = team_client(team)
    page = client.get(reverse("decisions:detail", args=[decision.pk])).content.decode()
    assert "1 block." in page


def test_a_decision_without_kept_counts_still_shows_its_results(client: Any, db: None) -> None:
    team = make_team(2)
    decision = team.start(Method.PROPOSAL)
    services.response_submit(decision=decision, person=team.starter, payload={"stance": "block"})
    Tally.objects.filter(decision=decision).delete()
    client.force_login(team.starter)
    page = client.get(reverse("decisions:detail", args=[decision.pk])).content.decode()
    assert "1 block." in page
    assert not Tally.objects.filter(decision=decision).exists()  # GET never writes
    services.response_submit(
        decision=decision, person=team.members[1], payload={"stance": "agree"}
    )
    assert _kept(decision) == _fresh(decision)


def test_the_migration_fills_counts_for_decisions_made_before_them(db: None) -> None:
    from importlib import import_module

    from django.apps import apps

    fill = import_module("levelfield.decisions.migrations.0005_fill_tallies").fill
    team = make_team(3)
    named = team.start(Method.RANKED)
    anonymous = team.start(Method.CONSENT, anonymous=True)
    ids = list(named.options.values_list("pk", flat=True))
    for person in team.members:
        services.response_submit(decision=named, person=person, payload={"ranking": ids[:2]})
        services.response_submit(decision=anonymous, person=person, payload={"stance": "consent"})
    expected = {d.pk: _kept(d) for d in (named, anonymous)}
    Tally.objects.all().delete()
    fill(apps, None)
    assert {d.pk: _kept(d) for d in (named, anonymous)} == expected


def team_client(team: Any) -> Any:
    from django.test import Client

    client = Client()
    client.force_login(team.starter)
    return client


def test_an_option_added_in_the_talk_shows_at_once_on_a_page_seen_before(
    client: Any, db: None
) -> None:
    team = make_team(2)
    now = timezone.now()
    decision = team.start(
        Method.SINGLE_CHOICE,
        has_discussion=True,
        opens_at=now + timedelta(days=3),
        closes_at=now + timedelta(days=11),
        now=now,
    )
    client.force_login(team.starter)
    url = reverse("decisions:detail", args=[decision.pk])
    assert "Lemonade" not in client.get(url).content.decode()
    services.option_add(decision=decision, person=team.members[1], label="Lemonade", time=None)
    assert "Lemonade" in client.get(url).content.decode()
