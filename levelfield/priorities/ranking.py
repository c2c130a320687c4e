"""The two counts of a partnership, in plain Python (no database), built on decisions'
tallies so a count here means the same as a count anywhere else in Levelfield.

Interim survey
--------------
Each answer picks up to 10 questions. Within each perspective (patients, carers,
professionals, others) a question's share is the percent of that perspective's answers
that picked it (`decisions.tallies.tally_choices`). The combined score gives each
perspective present equal weight: it is the mean of the shares, so 300 clinicians
cannot outvote 40 carers. Questions are ordered by combined score, then by how many
answers picked them in all, then by the order they were written (lowest id).

Final workshop
--------------
Every small group ranks the whole shortlist (1 is most important). A question's total
is the sum of its ranks over the groups; the lowest total comes first. Ties are broken,
in this order, by:

1. head to head among the questions level on that total: each scores one for every
   other level question that more groups ranked below it, and loses one for every one
   more groups ranked above it; the higher score comes first (with two level
   questions, simply the one more groups put above the other). The pairwise counts
   come from `decisions.tallies.tally_ranked`. Scoring, rather than comparing pairs
   one by one, keeps the order well defined when three questions beat each other in
   a circle: then they score level and the next rule decides;
2. the better place in the interim survey;
3. if still level, they share the place (both are shown, with "tied").
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from levelfield.decisions.tallies import tally_choices, tally_ranked

ONE_PLACE = Decimal("0.1")


@dataclass(frozen=True)
class InterimLine:
    question: int
    picks: int
    by_perspective: dict[str, Decimal]  # percent of that perspective's answers
    combined: Decimal


@dataclass(frozen=True)
class InterimResult:
    answers: dict[str, int]  # perspective -> how many answered
    lines: list[InterimLine]  # best first


def interim_tally(
    ballots: Sequence[tuple[str, Sequence[int]]], questions: Sequence[int]
) -> InterimResult:
    """`ballots`: (perspective, picked question ids) per answer."""
    by_kind: dict[str, list[Sequence[int]]] = {}
    for perspective, picks in ballots:
        by_kind.setdefault(perspective, []).append(picks)
    shares: dict[str, dict[int, Decimal]] = {}
    picks_total = dict.fromkeys(questions, 0)
    for perspective, selections in by_kind.items():
        result = tally_choices(selections, questions)
        shares[perspective] = {line.option: line.percent for line in result.counts}
        for line in result.counts:
            picks_total[line.option] += line.count
    lines = []
    for question in questions:
        per = {kind: shares[kind][question] for kind in shares}
        mean = sum(per.values(), Decimal(0)) / len(per) if per else Decimal(0)
        lines.append(
            InterimLine(
                question=question,
                picks=picks_total[question],
                by_perspective=per,
                combined=mean.quantize(ONE_PLACE, rounding=ROUND_HALF_UP),
            )
        )
    lines.sort(key=lambda line: (-line.combined, -line.picks, line.question))
    return InterimResult(answers={k: len(v) for k, v in by_kind.items()}, lines=lines)


@dataclass(frozen=True)
class WorkshopLine:
    question: int
    total: int
    ranks: list[int]
    place: int
    tied: bool
    broken_by: str  # "", "head to head" or "interim survey": why it sits above the next


def workshop_tally(
    group_rankings: Mapping[int, Sequence[int]],
    shortlist: Sequence[int],
    interim_order: Sequence[int] = (),
) -> list[WorkshopLine]:
    """`group_rankings`: each group's full ranking of the shortlist, best first.

    Raises ValueError when a group leaves a question out or ranks one twice."""
    expected = set(shortlist)
    for group, ranking in group_rankings.items():
        if len(ranking) != len(set(ranking)) or set(ranking) != expected:
            raise ValueError(f"Group {group} must rank every shortlisted question once.")
    ranks: dict[int, list[int]] = {q: [] for q in shortlist}
    for ranking in group_rankings.values():
        for position, question in enumerate(ranking, start=1):
            ranks[question].append(position)
    totals = {q: sum(r) for q, r in ranks.items()}
    pairwise = tally_ranked(list(group_rankings.values()), list(shortlist)).pairwise
    interim_place = {q: i for i, q in enumerate(interim_order)}
    unplaced = len(interim_order)

    level: dict[int, list[int]] = {}
    for question in shortlist:
        level.setdefault(totals[question], []).append(question)

    def head_to_head_score(question: int) -> int:
        others = [q for q in level[totals[question]] if q != question]
        return sum(
            (pairwise[question, o] > pairwise[o, question])
            - (pairwise[o, question] > pairwise[question, o])
            for o in others
        )

    scores = {q: head_to_head_score(q) for q in shortlist}

    def key(question: int) -> tuple[int, int, int]:
        return (totals[question], -scores[question], interim_place.get(question, unplaced))

    def compare(a: int, b: int) -> int:
        return (key(a) > key(b)) - (key(a) < key(b))

    order = sorted(shortlist, key=lambda q: (key(q), q))
    lines: list[WorkshopLine] = []
    for index, question in enumerate(order):
        before = order[index - 1] if index else None
        tied_with_before = before is not None and compare(before, question) == 0
        after = order[index + 1] if index + 1 < len(order) else None
        tied_with_after = after is not None and compare(question, after) == 0
        place = lines[-1].place if tied_with_before else index + 1
        broken_by = ""
        if after is not None and totals[after] == totals[question] and not tied_with_after:
            broken_by = "head to head" if scores[question] != scores[after] else "interim survey"
        lines.append(
            WorkshopLine(
                question=question,
                total=totals[question],
                ranks=ranks[question],
                place=place,
                tied=tied_with_before or tied_with_after,
                broken_by=broken_by,
            )
        )
    return lines
