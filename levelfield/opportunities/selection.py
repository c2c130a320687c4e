"""The fair selection aid: which of the people who expressed interest to invite, when
there are more of them than places. A pure function (no database), so anyone can rerun
a recorded draw from its seed and get the same people, and its promises are property
tests (tests/test_selection.py).

The steps, each choice with its reason:
1. Everyone is put in an order drawn by lot from the seed (the candidates are first
   sorted by key, so the order they are given in does not matter).
2. Each wanted perspective nobody chosen brings yet gets the first person in the lot's
   order who brings it, while places remain.
3. If the organiser asks for a share of first-time people, first-timers next in the
   lot's order fill places until that share is reached.
4. The remaining places go in the lot's order.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Candidate:
    key: int
    perspectives: frozenset[str]
    first_time: bool = False


@dataclass(frozen=True)
class Choice:
    key: int
    reason: str


def lot_order(candidates: Iterable[Candidate], seed: int) -> list[Candidate]:
    """The candidates in an order drawn by lot: the same seed gives the same order."""
    ordered = sorted(candidates, key=lambda candidate: candidate.key)
    random.Random(seed).shuffle(ordered)  # noqa: S311 - a draw anyone can rerun, by design
    return ordered


def select(
    candidates: Iterable[Candidate],
    *,
    places: int,
    wanted: Sequence[str],
    seed: int,
    first_time_share: int = 0,
    labels: dict[str, str] | None = None,
) -> list[Choice]:
    """Who to invite, in the order chosen, each with the reason (see the module)."""
    labels = labels or {}
    order = lot_order(candidates, seed)
    chosen: list[Choice] = []
    taken: set[int] = set()

    def take(candidate: Candidate, reason: str) -> None:
        chosen.append(Choice(candidate.key, reason))
        taken.add(candidate.key)

    by_key = {candidate.key: candidate for candidate in order}
    for perspective in wanted:
        if len(chosen) >= places:
            break
        if any(perspective in by_key[choice.key].perspectives for choice in chosen):
            continue
        for candidate in order:
            if candidate.key not in taken and perspective in candidate.perspectives:
                name = labels.get(perspective, perspective)
                take(candidate, f"Brings a wanted perspective not yet chosen: {name}")
                break
    first_timers = sum(by_key[choice.key].first_time for choice in chosen)
    for candidate in order:
        if len(chosen) >= places or first_timers >= first_time_share:
            break
        if candidate.key not in taken and candidate.first_time:
            take(candidate, "First time: part of the share kept for people new to this")
            first_timers += 1
    for candidate in order:
        if len(chosen) >= places:
            break
        if candidate.key not in taken:
            take(candidate, "Drawn by lot")
    return chosen
