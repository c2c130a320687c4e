"""How long each tally takes over 10,000 synthetic responses (fixed seed, so repeatable).

No Django needed: the tallies are pure Python.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable

from bench_common import Row, best_of

from levelfield.decisions import tallies

RESPONSES = 10_000
REPEATS = 5
SEED = 20_240_601
SIX = [101, 102, 103, 104, 105, 106]
TEN = list(range(201, 211))
SLOTS = list(range(301, 309))
STANCES = ["agree", "agree with reservations", "stand aside", "disagree", "block"]


def clustered_rankings(rng: random.Random) -> list[list[int]]:
    """People fall into a few camps that rank alike, with small personal differences and
    some who stop ranking early: many responses share a ranking, as in real polls."""
    camps = [rng.sample(SIX, len(SIX)) for _ in range(5)]
    rankings = []
    for _ in range(RESPONSES):
        ranking = list(rng.choices(camps, weights=[35, 25, 20, 12, 8])[0])
        for _ in range(rng.choice([0, 0, 1, 1, 2])):
            i = rng.randrange(len(ranking) - 1)
            ranking[i], ranking[i + 1] = ranking[i + 1], ranking[i]
        length = rng.choice([6, 6, 6, 5, 4, 3, 2, 1])
        rankings.append(ranking[:length])
    return rankings


def random_partial_rankings(rng: random.Random, options: list[int]) -> list[list[int]]:
    """Each response ranks a random number of options in a random order."""
    return [rng.sample(options, rng.randint(1, len(options))) for _ in range(RESPONSES)]


def distinct_partial_rankings(rng: random.Random) -> list[list[int]]:
    """10,000 rankings no two alike (ten options, at least four ranked): the worst case for
    grouping identical rankings. Six options allow only 1,956 different rankings."""
    seen: set[tuple[int, ...]] = set()
    while len(seen) < RESPONSES:
        seen.add(tuple(rng.sample(TEN, rng.randint(4, len(TEN)))))
    rankings = [list(ranking) for ranking in seen]
    rng.shuffle(rankings)
    return rankings


def dot_allocations(rng: random.Random, budget: int) -> list[dict[int, int]]:
    weights = [30, 25, 20, 12, 8, 5]
    allocations = []
    for _ in range(RESPONSES):
        spent = rng.randint(budget // 2, budget)
        allocations.append(dict(Counter(rng.choices(SIX, weights=weights, k=spent))))
    return allocations


def score_sheets(rng: random.Random) -> list[dict[int, int]]:
    """Scores 0 to 5; about one in ten options is left unscored."""
    return [
        {option: rng.randint(0, 5) for option in SIX if rng.random() > 0.1}
        for _ in range(RESPONSES)
    ]


def time_answers(rng: random.Random) -> list[dict[int, str]]:
    answers = ["yes", "if_need_be", "no"]
    slot_weights = {
        slot: [rng.randint(1, 6), rng.randint(1, 3), rng.randint(1, 6)] for slot in SLOTS
    }
    return [
        {
            slot: rng.choices(answers, slot_weights[slot])[0]
            for slot in SLOTS
            if rng.random() > 0.05
        }
        for _ in range(RESPONSES)
    ]


def distinct(rankings: list[list[int]]) -> int:
    return len({tuple(ranking) for ranking in rankings})


def run() -> list[Row]:
    rng = random.Random(SEED)
    clustered = clustered_rankings(rng)
    partial = random_partial_rankings(rng, SIX)
    all_distinct = distinct_partial_rankings(rng)
    single = [[rng.choices(SIX, weights=[5, 4, 3, 3, 2, 1])[0]] for _ in range(RESPONSES)]
    multiple = [rng.sample(SIX, rng.randint(1, 3)) for _ in range(RESPONSES)]
    dots = dot_allocations(rng, budget=10)
    scores = score_sheets(rng)
    stances = rng.choices(STANCES, weights=[40, 25, 10, 20, 5], k=RESPONSES)
    times = time_answers(rng)

    cases: list[tuple[str, int, Callable[[], object]]] = [
        (
            f"ranked, 6 options, clustered ({distinct(clustered):,} distinct rankings)",
            len(clustered),
            lambda: tallies.tally_ranked(clustered, SIX),
        ),
        (
            f"ranked, 6 options, random partial ({distinct(partial):,} distinct)",
            len(partial),
            lambda: tallies.tally_ranked(partial, SIX),
        ),
        (
            f"ranked, 10 options, all distinct partial ({distinct(all_distinct):,} distinct)",
            len(all_distinct),
            lambda: tallies.tally_ranked(all_distinct, TEN),
        ),
        ("single choice, 6 options", len(single), lambda: tallies.tally_choices(single, SIX)),
        (
            "multiple choice, 6 options, 1-3 picks",
            len(multiple),
            lambda: tallies.tally_choices(multiple, SIX),
        ),
        (
            "dots, budget 10 over 6 options",
            len(dots),
            lambda: tallies.tally_dots(dots, SIX, budget=10),
        ),
        ("scores 0-5 over 6 options", len(scores), lambda: tallies.tally_scores(scores, SIX)),
        (
            f"stances, {len(STANCES)} choices",
            len(stances),
            lambda: tallies.tally_stances(stances, STANCES),
        ),
        ("time poll, 8 slots", len(times), lambda: tallies.tally_time_poll(times, SLOTS)),
    ]
    return [Row(name, responses, best_of(REPEATS, work)) for name, responses, work in cases]
