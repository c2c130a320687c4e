"""Anonymous answers as sealed ballots: a voter changes their answer until closing just by
answering again, and nothing stored links an answer to its author for anyone without the
app's secret key (and, after closing, for anyone at all)."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test import Client, override_settings
from django.urls import reverse

from levelfield.collectives.tests.threads import CONCURRENCY_MARKS
from levelfield.decisions import ballots, services
from levelfield.decisions.models import Decision, Method, Response, ResponseChange, Voter
from levelfield.decisions.tests.factories import Team, later, make_team
from levelfield.history.models import Change
from levelfield.sealing.models import SealKey
from levelfield.sealing.tests.pages import (
    all_xmins,
    key_table_pages_after_rewrite,
    pageinspect_or_skip,
    raw_pages,
    xmins,
)

pytestmark = pytest.mark.django_db

REASONS = ["Alpha reason", "Bravo reason", "Charlie reason", "Delta reason", "Echo reason"]


def _respond_url(decision: Decision) -> str:
    return reverse("decisions:respond", args=[decision.pk])


def _vote_in_order(team: Team, decision: Decision) -> None:
    """Five people answer one after another, each with a reason naming their turn."""
    for person, reason in zip(team.members, REASONS, strict=False):
        services.response_submit(
            decision=decision, person=person, payload={"stance": "agree"}, reason=reason
        )


def _stored_order(decision: Decision) -> list[str]:
    """The responses' reasons in the order the database keeps the rows: rowid on SQLite,
    ctid (physical place) on PostgreSQL."""
    position = "ctid" if connection.vendor == "postgresql" else "rowid"
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT reason FROM decisions_response WHERE decision_id = %s ORDER BY {position}",
            [decision.pk],
        )
        return [row[0] for row in cursor.fetchall()]


def _shuffle_backwards_by_reason(items: list[ballots.Ballot]) -> None:
    """A stand-in for the random shuffle whose result the test can predict."""
    items.sort(key=lambda ballot: ballot.reason, reverse=True)


def test_a_voter_changes_their_anonymous_answer_by_answering_again(client: Client) -> None:
    team = make_team(4)
    decision = team.start(Method.PROPOSAL, anonymous=True)
    voter = team.members[1]
    client.force_login(voter)

    form = client.get(_respond_url(decision)).content.decode()
    assert "you can change it by answering again" in form
    sent = client.post(_respond_url(decision), {"stance": "agree", "reason": "Cheaper"})
    assert sent.status_code == 302
    assert "Your response has been recorded." in client.get(sent["Location"]).content.decode()

    # Only the voter sees their own answer again, to change it.
    page = client.get(_respond_url(decision)).content.decode()
    assert "Change your response" in page
    assert 'value="agree" checked' in page and "Cheaper" in page
    other = Client()
    other.force_login(team.members[2])
    theirs = other.get(_respond_url(decision)).content.decode()
    assert "Cheaper" not in theirs and "checked" not in theirs

    same = client.post(_respond_url(decision), {"stance": "agree", "reason": "Cheaper"})
    assert same.status_code == 302
    assert not Change.objects.filter(action="anonymous_response_changed").exists()
    changed = client.post(_respond_url(decision), {"stance": "block", "reason": "Too far"})
    assert changed.status_code == 302
    assert "Your response has been changed." in client.get(changed["Location"]).content.decode()
    assert 'value="block" checked' in client.get(_respond_url(decision)).content.decode()

    # One voter row, no response row and no kept before/after while voting is open.
    assert Voter.objects.filter(decision=decision).count() == 1
    assert not Response.objects.filter(decision=decision).exists()
    assert not ResponseChange.objects.exists()
    # Nothing in the history yet: a row written with the change would share its xmin.
    assert not Change.objects.filter(action__startswith="anonymous").exists()
    assert not Change.objects.filter(action__startswith="response").exists()

    services.decision_close(decision=decision, now=later(decision))
    response = Response.objects.get(decision=decision)
    assert (response.payload, response.reason) == ({"stance": "block"}, "Too far")
    change = Change.objects.get(action="anonymous_responses_changed")
    assert change.actor is None and change.before == {} and change.after == {"changes": 1}
    assert change.summary == (
        f"1 anonymous response was changed while “{decision.title}” was open"
    )


def test_while_open_the_voter_row_holds_only_ciphertext_of_a_fixed_size() -> None:
    team = make_team(3)
    decision = team.start(Method.PROPOSAL, anonymous=True)
    services.response_submit(
        decision=decision,
        person=team.members[0],
        payload={"stance": "agree"},
        reason="Short and sweet",
    )
    services.response_submit(
        decision=decision,
        person=team.members[1],
        payload={"stance": "disagree"},
        reason="Because the buses stop early and the evenings are dark " * 5,
    )
    assert not Response.objects.filter(decision=decision).exists()
    sealed = [bytes(v.sealed_ballot) for v in Voter.objects.filter(decision=decision)]
    assert len(sealed) == 2
    assert len(sealed[0]) == len(sealed[1]), "the length says nothing about the answer"
    for ciphertext in sealed:
        for text in (b"agree", b"stance", b"Short and sweet", b"buses stop", b"Because"):
            assert text not in ciphertext


def test_a_ballot_opens_only_for_its_own_decision_and_person() -> None:
    sealed = ballots.ballot_seal(
        decision_id=7, person_id=3, payload={"stance": "agree"}, reason="Mine"
    )
    opened = ballots.ballot_open(decision_id=7, person_id=3, sealed=sealed)
    assert opened == ballots.Ballot({"stance": "agree"}, "Mine")
    with pytest.raises(ballots.BallotUnreadable):
        ballots.ballot_open(decision_id=7, person_id=4, sealed=sealed)
    with pytest.raises(ballots.BallotUnreadable):
        ballots.ballot_open(decision_id=8, person_id=3, sealed=sealed)
    tampered = sealed[:-1] + bytes([sealed[-1] ^ 1])
    with pytest.raises(ballots.BallotUnreadable):
        ballots.ballot_open(decision_id=7, person_id=3, sealed=tampered)


def test_a_ballot_copied_onto_another_voters_row_does_not_open_for_them() -> None:
    team = make_team(3)
    decision = team.start(Method.PROPOSAL, anonymous=True)
    first, second = team.members[0], team.members[1]
    services.response_submit(decision=decision, person=first, payload={"stance": "block"})
    services.response_submit(decision=decision, person=second, payload={"stance": "agree"})
    copied = Voter.objects.get(decision=decision, person=first).sealed_ballot
    Voter.objects.filter(decision=decision, person=second).update(sealed_ballot=copied)
    assert services.ballot_of(decision=decision, person=second) is None


def test_a_key_rotated_into_the_fallbacks_still_opens_ballots() -> None:
    with override_settings(SECRET_KEY="old-key-" + "x" * 50):
        sealed = ballots.ballot_seal(decision_id=1, person_id=2, payload={"a": 1}, reason="")
    with (
        override_settings(
            SECRET_KEY="new-key-" + "y" * 50, SECRET_KEY_FALLBACKS=["old-key-" + "x" * 50]
        ),
    ):
        assert ballots.ballot_open(decision_id=1, person_id=2, sealed=sealed).payload == {"a": 1}
    with (
        override_settings(SECRET_KEY="new-key-" + "y" * 50, SECRET_KEY_FALLBACKS=[]),
        pytest.raises(ballots.BallotUnreadable),
    ):
        ballots.ballot_open(decision_id=1, person_id=2, sealed=sealed)


def test_at_closing_answers_are_written_out_unlinked_in_the_shuffled_order(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    team = make_team(6)
    decision = team.start(Method.PROPOSAL, anonymous=True)
    _vote_in_order(team, decision)
    monkeypatch.setattr(ballots, "shuffle", _shuffle_backwards_by_reason)

    assert services.decision_close(decision=decision, now=later(decision))

    # The rows are stored in the shuffle's order (Echo first), not the voting order (Alpha).
    assert _stored_order(decision) == sorted(REASONS, reverse=True)
    responses = list(Response.objects.filter(decision=decision))
    assert len(responses) == 5
    for response in responses:
        assert response.person_id is None and response.updated_at is None
        assert isinstance(response.id, uuid.UUID) and response.id.version == 4
    # The sealed ballots are gone: even the key can no longer say whose answer was whose.
    voters = Voter.objects.filter(decision=decision)
    assert voters.count() == 5
    assert not voters.filter(sealed_ballot__isnull=False).exists()
    # Closing twice writes nothing twice.
    assert not services.decision_close(decision=decision, now=later(decision, hours=1))
    assert Response.objects.filter(decision=decision).count() == 5


def test_the_real_shuffle_is_used_and_changes_the_order() -> None:
    team = make_team(6)
    decision = team.start(Method.PROPOSAL, anonymous=True)
    _vote_in_order(team, decision)
    seen: list[list[str]] = []
    real = ballots.shuffle

    def recording(items: list[ballots.Ballot]) -> None:
        real(items)
        seen.append([ballot.reason for ballot in items])

    ballots.shuffle = recording
    try:
        services.decision_close(decision=decision, now=later(decision))
    finally:
        ballots.shuffle = real
    assert _stored_order(decision) == seen[0]


def test_after_closing_an_anonymous_answer_can_no_longer_be_changed(client: Client) -> None:
    team = make_team(3)
    decision = team.start(Method.PROPOSAL, anonymous=True)
    services.response_submit(
        decision=decision, person=team.members[1], payload={"stance": "agree"}
    )
    services.decision_close(decision=decision, now=later(decision))
    with pytest.raises(services.DecisionError, match="has closed"):
        services.response_submit(
            decision=decision, person=team.members[1], payload={"stance": "block"}
        )
    client.force_login(team.members[1])
    page = client.get(_respond_url(decision)).content.decode()
    assert "This decision has closed" in page
    assert Response.objects.get(decision=decision).payload == {"stance": "agree"}


def test_a_stranger_cannot_answer_or_see_an_anonymous_decision(client: Client) -> None:
    team = make_team(3)
    decision = team.start(Method.PROPOSAL, anonymous=True)
    services.response_submit(
        decision=decision, person=team.members[1], payload={"stance": "agree"}
    )
    client.force_login(team.outsider)
    assert client.get(_respond_url(decision)).status_code == 404
    assert client.post(_respond_url(decision), {"stance": "block"}).status_code == 404
    with pytest.raises(services.DecisionError, match="Only members"):
        services.response_submit(
            decision=decision, person=team.outsider, payload={"stance": "block"}
        )
    assert not Voter.objects.filter(person=team.outsider).exists()
    assert services.ballot_of(decision=decision, person=team.members[1]).payload == {
        "stance": "agree"
    }


def test_the_history_page_says_only_that_an_anonymous_answer_changed(client: Client) -> None:
    team = make_team(3)
    decision = team.start(Method.PROPOSAL, anonymous=True)
    person = team.members[2]
    services.response_submit(decision=decision, person=person, payload={"stance": "agree"})
    services.response_submit(
        decision=decision, person=person, payload={"stance": "block"}, reason="Dark evenings"
    )
    services.response_submit(decision=decision, person=person, payload={"stance": "agree"})
    services.decision_close(decision=decision, now=later(decision))
    client.force_login(person)
    text = client.get(reverse("projects:history", args=[team.project.pk])).content.decode()
    assert f"2 anonymous responses were changed while “{decision.title}” was open" in text
    assert "Dark evenings" not in text and person.name not in text


# On PostgreSQL: one transaction for every written-out answer.


def _on_postgres(test: Callable[..., Any]) -> Callable[..., Any]:
    for mark in CONCURRENCY_MARKS:
        test = mark(test)
    return test


@_on_postgres
def test_on_postgresql_written_out_answers_share_one_xmin_and_follow_the_shuffle_in_ctid(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    team = make_team(6)
    decision = team.start(Method.PROPOSAL, anonymous=True)
    _vote_in_order(team, decision)  # five separate transactions
    monkeypatch.setattr(ballots, "shuffle", _shuffle_backwards_by_reason)
    services.decision_close(decision=decision, now=later(decision))

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT DISTINCT xmin::text FROM decisions_response WHERE decision_id = %s",
            [decision.pk],
        )
        assert len(cursor.fetchall()) == 1, "one transaction: xmin links no answer to a vote"
    assert _stored_order(decision) == sorted(REASONS, reverse=True)


@pytest.mark.on_disk
@_on_postgres
def test_on_postgresql_after_closing_no_page_on_disk_opens_a_ballot_even_with_the_key() -> None:
    """The attack that worked before: read old row versions with pageinspect and open
    them with SECRET_KEY. The ballots' old versions stay on disk; their key does not."""
    pageinspect_or_skip()
    team = make_team(6)
    decision = team.start(Method.PROPOSAL, anonymous=True)
    _vote_in_order(team, decision)
    services.response_submit(
        decision=decision, person=team.members[0], payload={"stance": "block"}, reason="No"
    )
    stolen = {
        voter.person_id: bytes(voter.sealed_ballot)
        for voter in Voter.objects.filter(decision=decision)
    }
    secret = SealKey.objects.get(scope=f"decision:{decision.pk}").secret
    assert secret in raw_pages(SealKey._meta.db_table)  # the test reads what they would

    services.decision_close(decision=decision, now=later(decision))

    assert Response.objects.filter(decision=decision).count() == 5
    assert bytes(secret) not in key_table_pages_after_rewrite(bytes(secret))
    for person_id, ballot in stolen.items():
        with pytest.raises(ballots.BallotUnreadable):
            ballots.ballot_open(decision_id=decision.pk, person_id=person_id, sealed=ballot)


@_on_postgres
def test_on_postgresql_changing_an_anonymous_answer_writes_nothing_beside_the_voter_row() -> None:
    team = make_team(6)
    decision = team.start(Method.PROPOSAL, anonymous=True)
    _vote_in_order(team, decision)
    before = all_xmins()
    changer = team.members[2]
    services.response_submit(
        decision=decision, person=changer, payload={"stance": "block"}, reason="Changed"
    )
    after = all_xmins()
    voter = xmins("decisions_voter", "person_id = %s", [changer.pk])
    written = {table for table, seen in after.items() if (seen - before.get(table, set())) & voter}
    # The voter row and the decision's counts; no history row names the moment.
    assert written == {"decisions_voter", "decisions_tally"}
    services.decision_close(decision=decision, now=later(decision))
    change = Change.objects.get(action="anonymous_responses_changed")
    assert xmins("history_change", "id = %s", [change.pk]).isdisjoint(voter)
