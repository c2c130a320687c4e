"""Synthetic conversations with planted opinion groups, for the tests, the benchmark and
the demo: each group has its own leaning on every statement, each participant reacts to
a random share of the statements."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass
class Conversation:
    participant_ids: np.ndarray
    statement_ids: np.ndarray
    votes: np.ndarray
    planted: dict[int, int]  # participant id -> planted group

    def as_polis_rows(self) -> list[dict[str, int]]:
        """The reactions as red-dwarf (and Pol.is's votes.csv) take them."""
        return [
            {"participant_id": int(p), "statement_id": int(s), "vote": int(v), "modified": i}
            for i, (p, s, v) in enumerate(
                zip(self.participant_ids, self.statement_ids, self.votes, strict=True)
            )
        ]


def planted_conversation(
    *,
    participants: int,
    statements: int,
    groups: int = 3,
    votes: int | None = None,
    agreement: float = 0.85,
    pass_rate: float = 0.1,
    seed: int = 0,
) -> Conversation:
    """`participants` people in `groups` planted groups react to `statements`; about
    `votes` reactions in all (default: each person reacts to about 60%). Each group
    agrees with each statement with probability `agreement` or 1 - `agreement` (its
    own random leaning); a few statements everyone agrees with (consensus)."""
    rng = np.random.default_rng(seed)
    leaning = rng.random((groups, statements)) < 0.5
    leaning[:, : max(1, statements // 10)] = True  # shared: consensus statements
    planted = rng.integers(0, groups, participants)
    per_person = votes / participants if votes else statements * 0.6
    per_person = min(statements, max(1, int(round(per_person))))
    people, columns = [], []
    for person in range(participants):
        chosen = rng.choice(statements, per_person, replace=False)
        people.append(np.full(per_person, person))
        columns.append(chosen)
    pids = np.concatenate(people)
    sids = np.concatenate(columns)
    agrees = np.where(leaning[planted[pids], sids], agreement, 1 - agreement)
    draw = rng.random(len(pids))
    values = np.where(draw < agrees, 1, -1)
    values[rng.random(len(pids)) < pass_rate] = 0
    return Conversation(
        participant_ids=pids + 1,
        statement_ids=sids + 1,
        votes=values.astype(np.int64),
        planted={person + 1: int(planted[person]) for person in range(participants)},
    )
