"""Counts kept as responses arrive, so a results page never re-tallies every response.

Loomio keeps a poll's stance counts on the poll and refreshes them as each vote arrives
(re-summing the poll's votes in SQL each time); this keeps them for all nine methods and
moves them by each response's difference alone. Every response is broken into *marks*, short
strings that can be added up, and a decision's `Tally` row holds how many responses
gave each mark. Adding, changing or withdrawing a response adds and takes away marks in
the same transaction as the response, under the decision's row lock. The results of
every method can be worked out from the marks alone (tallies.py's `*_counted`
functions), in time that grows with the number of options, not of responses:

| family | marks of one response |
| stance | "s|agree" |
| choice | "o|3" for each option picked |
| ranked | "r|7,3,5": the whole ranking (instant-runoff needs whole ballots) |
| dots | "d|3|4": option 3 was given 4 dots |
| score | "c|3|4": option 3 was scored 4 |
| time_poll | "t|3|yes" |

An anonymous decision's marks stay empty until closing: counts that change as each
sealed ballot arrives could be watched alongside the list of voters.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from levelfield.decisions.models import Method


def marks_of(method: str, payload: Mapping[str, Any]) -> list[str]:
    """The marks one response adds to its decision's counts: its method family says
    (methods/, the one place that knows each method)."""
    from levelfield.decisions import methods  # the families import this module

    if method not in Method.values:
        raise ValueError(f"Unknown method {method!r}.")
    return methods.family(method).marks(payload)


def marks_count(method: str, payloads: Iterable[Mapping[str, Any]]) -> dict[str, int]:
    """Marks counted over many responses, as a fresh tally (closing, rebuilding)."""
    counted: Counter[str] = Counter()
    for payload in payloads:
        counted.update(marks_of(method, payload))
    return dict(counted)


def marks_change(
    counts: Mapping[str, int],
    method: str,
    *,
    added: Mapping[str, Any] | None = None,
    removed: Mapping[str, Any] | None = None,
) -> dict[str, int]:
    """`counts` with one response's marks added and/or another's (its old answer) taken
    away. Marks that fall to zero are dropped, so the stored counts stay small."""
    changed = Counter(counts)
    if removed is not None:
        changed.subtract(marks_of(method, removed))
    if added is not None:
        changed.update(marks_of(method, added))
    if any(times < 0 for times in changed.values()):
        raise ValueError("Taking a response away would leave a negative count.")
    return {mark: times for mark, times in changed.items() if times}


@dataclass
class Counted:
    """A decision's marks read back into the shapes tallies.py's `*_counted` functions take."""

    responses: int
    stances: Counter[str] = field(default_factory=Counter)
    picks: Counter[int] = field(default_factory=Counter)
    rankings: Counter[tuple[int, ...]] = field(default_factory=Counter)
    pairs: Counter[tuple[int, Any]] = field(default_factory=Counter)

    @classmethod
    def of_marks(cls, marks: Mapping[str, int], responses: int) -> Counted:
        counted = cls(responses)
        for mark, times in marks.items():
            kind, _, rest = mark.partition("|")
            if kind == "s":
                counted.stances[rest] += times
            elif kind == "o":
                counted.picks[int(rest)] += times
            elif kind == "r":
                counted.rankings[tuple(int(o) for o in rest.split(",") if o)] += times
            elif kind in ("d", "c"):
                option, _, number = rest.partition("|")
                counted.pairs[int(option), int(number)] += times
            elif kind == "t":
                option, _, answer = rest.partition("|")
                counted.pairs[int(option), answer] += times
            else:
                raise ValueError(f"Unknown mark {mark!r}.")
        return counted

    @classmethod
    def of_payloads(cls, method: str, payloads: list[Mapping[str, Any]]) -> Counted:
        return cls.of_marks(marks_count(method, payloads), len(payloads))
