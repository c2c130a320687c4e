"""Sealed ballots: how an anonymous answer is kept while voting is open, so that nothing
on the server links it to its author, and after closing nothing at all does.

This is the decisions app's use of Levelfield's one sealing mechanism
(`levelfield.sealing.sealed`, which says how and why): while an anonymous decision is
open, a person's answer (payload and reason) lives only on their own `Voter` row, sealed
under the decision's own key ("decision:<id>", derived from SECRET_KEY and a secret kept
for this decision only), with the decision and the person as associated data.

At closing (services/closing.py) the ballots are opened, shuffled and written out as
`Response` rows with no person, no time and random ids in one `bulk_create` (one
transaction: one xmin on PostgreSQL; insertion order, hence rowid and ctid order, is the
shuffled order), the sealed ballots are set to NULL and the decision's secret is
destroyed in the same transaction, and the key table is rewritten after it commits. From
then on not even SECRET_KEY opens an old copy of a ballot left on disk (see the README's
privacy section for what remains: backups taken while voting was open).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from levelfield.sealing import sealed as sealing
from levelfield.sealing.sealed import BUCKET, LENGTH_BYTES, Keys, shuffle
from levelfield.sealing.sealed import Unreadable as BallotUnreadable

__all__ = [
    "BUCKET",
    "LENGTH_BYTES",
    "Ballot",
    "BallotUnreadable",
    "ballot_open",
    "ballot_seal",
    "ballot_keys",
    "ballot_keys_destroy",
    "shuffle",
]


@dataclass(frozen=True)
class Ballot:
    payload: dict[str, Any]
    reason: str


def ballot_keys(decision_id: int, *, create: bool = False) -> Keys:
    """The keys of one decision's ballots (made with `create`, while voting is open)."""
    scope = f"decision:{decision_id}"
    return sealing.keys_for(scope, create=create, legacy_scope=scope)


def ballot_seal(
    *, decision_id: int, person_id: int, payload: dict[str, Any], reason: str
) -> bytes:
    """The answer sealed for this decision and person, under the decision's own key."""
    keys = ballot_keys(decision_id, create=True)
    return keys.seal(person_id, {"payload": payload, "reason": reason})


def ballot_open(
    *, decision_id: int, person_id: int, sealed: bytes, keys: Keys | None = None
) -> Ballot:
    """The answer inside a sealed ballot; raises BallotUnreadable if it was sealed for
    another decision or person, altered, or its decision's key is gone."""
    keys = keys or ballot_keys(decision_id)
    data = keys.open(person_id, sealed)
    return Ballot(payload=data["payload"], reason=data["reason"])


def ballot_keys_destroy(decision_id: int) -> None:
    """At closing, after the ballots are written out: nothing opens them again."""
    sealing.keys_destroy(f"decision:{decision_id}")
