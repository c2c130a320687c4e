"""The conversation analysis beside red-dwarf (the Python Pol.is pipeline) on the same
synthetic votes with planted groups, and how many reactions a second the reaction
service records.

Each size: the best of a few runs of each side (import excluded, as in a long-running
background worker), the ratio, each side's peak memory (tracemalloc, a separate run)
and the adjusted Rand index between the two sides' groups. red-dwarf comes from the
`test` extra. Our analysis limits itself to one BLAS thread (analysis.py says why);
red-dwarf runs as installed. Run with OPENBLAS_NUM_THREADS=1 to give red-dwarf one
thread too: on a busy 2-core machine that makes it 2-4 times faster, and Levelfield
was still 9-19 times faster (December 2026). The whole benchmark takes about a minute
on 2 cores (mostly red-dwarf at 2,000 x 1,000), so it is not in the default
`make bench`: run `python bench/run.py deliberation`.
"""

from __future__ import annotations

import time
import tracemalloc
import warnings
from collections.abc import Callable

import numpy as np
from bench_common import Row, best_of

from levelfield.deliberation.analysis import analyse
from levelfield.deliberation.synthetic import planted_conversation

# (participants, statements, votes)
SIZES = [(200, 50, 6_000), (1_000, 200, 60_000), (2_000, 1_000, 250_000)]
REACTIONS = 2_000


def _peak_mb(work: Callable[[], object]) -> float:
    tracemalloc.start()
    try:
        work()
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


def _adjusted_rand(first: list[int], second: list[int]) -> float:
    _, a = np.unique(first, return_inverse=True)
    _, b = np.unique(second, return_inverse=True)
    table = np.zeros((a.max() + 1, b.max() + 1))
    np.add.at(table, (a, b), 1)

    def pairs(x: np.ndarray) -> float:
        return float((x * (x - 1) / 2).sum())

    index, rows, cols = pairs(table), pairs(table.sum(1)), pairs(table.sum(0))
    expected = rows * cols / pairs(np.array([len(first)]))
    return (index - expected) / ((rows + cols) / 2 - expected)


def run() -> list[Row]:
    warnings.simplefilter("ignore")
    from reddwarf.implementations.polis import run_pipeline

    rows = []
    for participants, statements, votes in SIZES:
        conversation = planted_conversation(
            participants=participants, statements=statements, votes=votes, groups=3, seed=11
        )
        polis_rows = conversation.as_polis_rows()

        def ours(conversation: object = conversation) -> object:
            return analyse(
                participant_ids=conversation.participant_ids,
                statement_ids=conversation.statement_ids,
                votes=conversation.votes,
                seed=0,
            )

        def theirs(polis_rows: list = polis_rows) -> object:
            return run_pipeline(votes=polis_rows, random_state=0)

        repeats = 3 if participants < 2_000 else 2
        ours_ms = best_of(repeats, ours)
        theirs_ms = best_of(repeats, theirs)
        labels = ours().labels
        their_labels = theirs().participants_df["cluster_id"].dropna().astype(int).to_dict()
        common = sorted(set(labels) & set(their_labels))
        ari = _adjusted_rand([labels[p] for p in common], [their_labels[p] for p in common])
        size = f"{participants:,} x {statements:,}"
        rows.append(Row(f"{size} Levelfield, peak {_peak_mb(ours):,.0f} MB", votes, ours_ms))
        rows.append(
            Row(
                f"{size} red-dwarf, peak {_peak_mb(theirs):,.0f} MB: "
                f"{theirs_ms / ours_ms:.1f}x Levelfield's time, ARI {ari:.3f}",
                votes,
                theirs_ms,
            )
        )
    return rows


def reactions() -> list[Row]:
    """Reactions a second through services.reaction_record, one transaction each, on the
    benchmark's database (a few hundred participants, 50 statements)."""
    from levelfield.deliberation import services
    from levelfield.deliberation.models import Participant
    from levelfield.deliberation.tests.factories import ConversationFactory, StatementFactory

    conversation = ConversationFactory()
    statements = [StatementFactory(conversation=conversation) for _ in range(50)]
    people = Participant.objects.bulk_create(
        Participant(conversation=conversation, name=f"P{n}") for n in range(REACTIONS // 10)
    )
    rng = np.random.default_rng(1)
    plan = [
        (people[int(p)], statements[int(s)], int(v))
        for p, s, v in zip(
            rng.integers(0, len(people), REACTIONS),
            rng.integers(0, len(statements), REACTIONS),
            rng.choice([-1, 0, 1], REACTIONS),
            strict=True,
        )
    ]
    started = time.perf_counter()
    for participant, statement, vote in plan:
        services.reaction_record(participant=participant, statement=statement, vote=vote)
    seconds = time.perf_counter() - started
    return [
        Row(
            f"reaction_record: {REACTIONS / seconds:,.0f} reactions a second",
            REACTIONS,
            seconds * 1000,
        )
    ]
