"""Tallies for decisions made together: pure Python, no Django, no database.

Every function takes plain iterables of responses plus the option ids in display order,
and returns a frozen dataclass the views can render as it is. Nothing here is random:
the same responses always give the same result, and every tie rule is written down below
so the results page can explain it in plain English.

Why plain Python and not pref-voting at run time
------------------------------------------------
The issue asks for a well-kept library for ranked tallies, such as pref-voting. It was
measured here (pref-voting 1.18.2, Python 3.11, 2 shared cores, a fresh process each time,
10,000 six-option rankings grouped into about 100 to 150 distinct ones, four runs):

- ``import`` of its Profile, instant_runoff, borda and condorcet: 1.8 to 2.8 s
  (it loads numba, scipy, networkx and matplotlib);
- building the grouped ``Profile``: 1.1 to 1.8 s (numba compiles on first use);
- first ``instant_runoff``: 0.9 to 1.1 s; first ``borda``: 5.2 to 6.4 s;
  first ``condorcet``: 0.08 to 0.12 s;
- later calls: about 0.1 ms, 0.05 ms and 0.01 ms.

So a fresh web worker would pay 10 to 12 s on its first results page (the budget for a
request was 0.3 s), and the install adds about 600 MB (llvmlite, scipy, pandas, ortools,
matplotlib...). Instant-runoff, Borda and Condorcet are short algorithms, so they are
written here in plain Python, and pref-voting is kept as the *test oracle* (the ``test``
extra in pyproject.toml): ``tests/test_tallies.py`` checks these tallies against it on
random profiles. Here, importing this module takes about 50 ms and one call of
``tally_ranked`` on the same 10,000 rankings (all three methods) about 6 ms.
Re-measure with ``python bench/run.py pref-voting``.

Rankings and how ties are broken
--------------------------------
A ranking lists option ids best first and may be partial. Unranked options sit below all
ranked ones, level with each other.

Instant-runoff: each round counts every ballot for its highest-ranked continuing option.
A ballot with no continuing option left is *exhausted* and is not counted. An option with
more than half of the counted (not exhausted) ballots wins. Otherwise the option with the
fewest votes is eliminated. When several options share the fewest votes:

1. if together they still have fewer votes than the next option up, all of them are
   eliminated (none of them could overtake it, so the order does not matter);
2. otherwise the one with the fewest first-preference votes (round 1) is eliminated;
   if that is level too, the one with the lowest Borda score;
3. if they are still level on both, they are eliminated together; but if they are every
   option left, they are reported as tied winners (``runoff_winners`` holds several).

Borda: on n options, position i (0 first) scores n - 1 - i; unranked options score 0.
Every option with the top score is a Borda winner (several = a tie).

Condorcet: the option that more ballots rank above each other option than the other way
round, compared one pair at a time. There may be none (a cycle, or a level pair), and it
is never a tie: at most one option can beat all the others.

Other methods
-------------
Leaders (choices, dots, scores) are every option with the top figure, in option order, so
a tie shows as several leaders. There are no leaders when nobody chose, gave dots or
scored anything. Percentages are rounded half up to one decimal place; with no
responses they are 0.0. The time poll orders slots by fewest "no", then most "yes", then
most "if need be", then display order.

Bad input raises ValueError (an option id not in ``options``, an option ranked twice,
dots over the budget or negative, an unknown stance or answer) rather than being
quietly dropped: a tally shown to a group must count every response or none. Callers
that withdraw an option must decide what happens to responses that named it.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from itertools import chain, combinations

OptionId = int

ONE_PLACE = Decimal("0.1")
TWO_PLACES = Decimal("0.01")
TIME_ANSWERS = ("yes", "if_need_be", "no")


@dataclass(frozen=True)
class OptionCount:
    option: OptionId
    count: int
    percent: Decimal


@dataclass(frozen=True)
class ChoiceResult:
    responses: int
    counts: list[OptionCount]
    leaders: list[OptionId]


@dataclass(frozen=True)
class RunoffRound:
    counts: dict[OptionId, int]
    eliminated: list[OptionId]
    exhausted: int


@dataclass(frozen=True)
class RankedResult:
    responses: int
    rounds: list[RunoffRound]
    runoff_winners: list[OptionId]
    borda_scores: dict[OptionId, int]
    borda_winners: list[OptionId]
    condorcet_winner: OptionId | None
    pairwise: dict[tuple[OptionId, OptionId], int]


@dataclass(frozen=True)
class DotResult:
    responses: int
    budget: int
    totals: list[OptionCount]
    leaders: list[OptionId]


@dataclass(frozen=True)
class OptionScore:
    option: OptionId
    count: int
    mean: Decimal | None
    median: Decimal | None
    spread: Decimal | None
    minimum: int | None
    maximum: int | None


@dataclass(frozen=True)
class ScoreResult:
    responses: int
    scores: list[OptionScore]
    leaders: list[OptionId]


@dataclass(frozen=True)
class StanceResult:
    responses: int
    counts: dict[str, int]
    percents: dict[str, Decimal]


@dataclass(frozen=True)
class TimeOptionAnswers:
    option: OptionId
    yes: int
    if_need_be: int
    no: int


@dataclass(frozen=True)
class TimePollResult:
    responses: int
    answers: list[TimeOptionAnswers]
    best: list[OptionId]


# Shared helpers ----------------------------------------------------------------------------


def _percent(part: int, whole: int) -> Decimal:
    """Share of ``whole`` as a percentage, one decimal place; 0.0 when there is nothing."""
    if whole == 0:
        return Decimal("0.0")
    return (Decimal(part) * 100 / Decimal(whole)).quantize(ONE_PLACE, rounding=ROUND_HALF_UP)


def _two_places(value: Fraction) -> Decimal:
    """An exact fraction rounded half up to two decimal places, for display."""
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return exact.quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


def _leaders(figures: Mapping[OptionId, int]) -> list[OptionId]:
    """Every option with the top figure, in option order; none when the top is zero."""
    top = max(figures.values(), default=0)
    if top <= 0:
        return []
    return [option for option, figure in figures.items() if figure == top]


def _check_options(options: Sequence[OptionId]) -> frozenset[OptionId]:
    known = frozenset(options)
    if len(known) != len(options):
        raise ValueError("Each option may appear only once in the list of options.")
    return known


def _check_known(named: Iterable[OptionId], known: frozenset[OptionId]) -> None:
    unknown = set(named).difference(known)
    if unknown:
        raise ValueError(f"Options {sorted(unknown)!r} are not among the options tallied.")


def _pair_counts(responses: Iterable[Mapping[OptionId, object]]) -> tuple[Counter, int]:
    """How many responses gave each (option, value) pair, and how many responses there
    were. Counting pairs runs in C, so 10,000 responses take milliseconds."""
    responses = list(responses)
    pairs = Counter(chain.from_iterable(response.items() for response in responses))
    return pairs, len(responses)


# Single and multiple choice ----------------------------------------------------------------


def tally_choices(
    selections: Iterable[Sequence[OptionId]], options: Sequence[OptionId]
) -> ChoiceResult:
    """Count how many responses picked each option; percent is of responses, so a multiple
    choice poll can add up to more than 100."""
    known = _check_options(options)
    grouped = Counter(tuple(selection) for selection in selections)
    picks: Counter[OptionId] = Counter()
    for selection, times in grouped.items():
        if len(set(selection)) != len(selection):
            raise ValueError(f"A response picked the same option twice: {selection!r}.")
        _check_known(selection, known)
        for option in selection:
            picks[option] += times
    return tally_choices_counted(picks, sum(grouped.values()), options)


def tally_choices_counted(
    picks: Mapping[OptionId, int], responses: int, options: Sequence[OptionId]
) -> ChoiceResult:
    """The same from counts kept as responses arrive: how many picked each option, and
    how many responses there are."""
    _check_known(picks, _check_options(options))
    counts = {option: picks.get(option, 0) for option in options}
    return ChoiceResult(
        responses=responses,
        counts=[OptionCount(o, n, _percent(n, responses)) for o, n in counts.items()],
        leaders=_leaders(counts),
    )


# Ranked choice -----------------------------------------------------------------------------


def tally_ranked(
    rankings: Iterable[Sequence[OptionId]], options: Sequence[OptionId]
) -> RankedResult:
    """Instant-runoff rounds, Borda scores and the Condorcet winner from one set of
    rankings. Identical rankings are grouped first, so the work grows with the number of
    distinct rankings rather than the number of responses."""
    return tally_ranked_grouped(Counter(tuple(ranking) for ranking in rankings), options)


def tally_ranked_grouped(
    grouped: Mapping[tuple[OptionId, ...], int], options: Sequence[OptionId]
) -> RankedResult:
    """The same from rankings already grouped (ranking -> how many ballots gave it), as
    kept while responses arrive."""
    known = _check_options(options)
    for ranking in grouped:
        if len(set(ranking)) != len(ranking):
            raise ValueError(f"A ranking lists the same option twice: {ranking!r}.")
        _check_known(ranking, known)
    grouped = {ranking: times for ranking, times in grouped.items() if times}
    responses = sum(grouped.values())
    anyone_ranked = any(grouped)

    # (position, option) -> ballots ranking the option there; position 0 is first.
    placings = _weighted_count(grouped, enumerate)
    first_preferences = dict.fromkeys(options, 0)
    borda_scores = dict.fromkeys(options, 0)
    ranked_by = dict.fromkeys(options, 0)  # ballots that rank the option at all
    highest = len(options) - 1
    for (position, option), ballots in placings.items():
        if position == 0:
            first_preferences[option] = ballots
        borda_scores[option] += (highest - position) * ballots
        ranked_by[option] += ballots
    pairwise = _pairwise(grouped, options, ranked_by)

    rounds, runoff_winners = _instant_runoff(
        grouped, options, responses, first_preferences, borda_scores
    )
    return RankedResult(
        responses=responses,
        rounds=rounds,
        runoff_winners=runoff_winners,
        borda_scores=borda_scores,
        borda_winners=_top(borda_scores) if anyone_ranked else [],
        condorcet_winner=_condorcet_winner(pairwise, options) if anyone_ranked else None,
        pairwise=pairwise,
    )


def _top(figures: Mapping[OptionId, int]) -> list[OptionId]:
    """Every option with the highest figure, even when that figure is zero."""
    top = max(figures.values(), default=None)
    return [option for option, figure in figures.items() if figure == top]


def _weighted_count(
    grouped: Mapping[tuple[OptionId, ...], int],
    expand: Callable[[tuple[OptionId, ...]], Iterable[Hashable]],
) -> Counter[Hashable]:
    """Count what ``expand`` yields for each ranking, weighted by how many ballots share
    that ranking. Rankings with the same weight are counted together by Counter in C, so
    10,000 different rankings take milliseconds rather than a Python loop per item."""
    by_weight: dict[int, list[tuple[OptionId, ...]]] = defaultdict(list)
    for ranking, times in grouped.items():
        by_weight[times].append(ranking)
    total: Counter[Hashable] = Counter()
    for times, rankings in by_weight.items():
        for item, count in Counter(chain.from_iterable(map(expand, rankings))).items():
            total[item] += count * times
    return total


def _pairwise(
    grouped: Mapping[tuple[OptionId, ...], int],
    options: Sequence[OptionId],
    ranked_by: Mapping[OptionId, int],
) -> dict[tuple[OptionId, OptionId], int]:
    """(a, b) -> ballots ranking a above b, where a ranked option is above every unranked
    one. That is every ballot ranking a, less those ranking both with b first, so only
    pairs of ranked options need counting."""
    both_ranked = _weighted_count(grouped, lambda ranking: combinations(ranking, 2))
    return {(a, b): ranked_by[a] - both_ranked[b, a] for a in options for b in options if a != b}


def _condorcet_winner(
    pairwise: Mapping[tuple[OptionId, OptionId], int], options: Sequence[OptionId]
) -> OptionId | None:
    for candidate in options:
        if all(
            pairwise[candidate, other] > pairwise[other, candidate]
            for other in options
            if other != candidate
        ):
            return candidate
    return None


def _instant_runoff(
    grouped: Mapping[tuple[OptionId, ...], int],
    options: Sequence[OptionId],
    responses: int,
    first_preferences: Mapping[OptionId, int],
    borda_scores: Mapping[OptionId, int],
) -> tuple[list[RunoffRound], list[OptionId]]:
    """Rounds of instant-runoff and its winners, following the tie rules in the module
    docstring. Ballots sit in a pile under their highest continuing option; only the piles
    of eliminated options are moved, so each ballot is read once overall, not every round."""
    if responses == 0 or not options:
        return [], []
    piles: dict[OptionId, list[tuple[tuple[OptionId, ...], int, int]]] = {o: [] for o in options}
    counts = dict.fromkeys(options, 0)
    exhausted = 0
    for ranking, times in grouped.items():
        exhausted += _place(ranking, times, 0, piles, counts)
    rounds: list[RunoffRound] = []
    while True:
        counted = responses - exhausted
        leader = max(counts, key=counts.__getitem__)
        if counted and counts[leader] * 2 <= counted:
            eliminated = _to_eliminate(counts, first_preferences, borda_scores)
            if len(eliminated) < len(counts):
                rounds.append(RunoffRound(dict(counts), eliminated, exhausted))
                for option in eliminated:
                    del counts[option]
                for option in eliminated:
                    for ranking, times, position in piles.pop(option):
                        exhausted += _place(ranking, times, position + 1, piles, counts)
                continue
        rounds.append(RunoffRound(dict(counts), [], exhausted))
        if not counted:
            return rounds, []
        if counts[leader] * 2 > counted:
            return rounds, [leader]
        return rounds, list(counts)  # level on every tie rule: an unbroken tie


def _place(
    ranking: tuple[OptionId, ...],
    times: int,
    start: int,
    piles: dict[OptionId, list[tuple[tuple[OptionId, ...], int, int]]],
    counts: dict[OptionId, int],
) -> int:
    """Put ballots on the pile of their highest continuing option from ``start`` on.
    Returns how many are exhausted instead (0 or ``times``)."""
    for position in range(start, len(ranking)):
        option = ranking[position]
        if option in counts:
            piles[option].append((ranking, times, position))
            counts[option] += times
            return 0
    return times


def _to_eliminate(
    counts: Mapping[OptionId, int],
    first_preferences: Mapping[OptionId, int],
    borda_scores: Mapping[OptionId, int],
) -> list[OptionId]:
    """The options to eliminate this round (all of them = an unbroken tie for the win)."""
    fewest = min(counts.values())
    lowest = [option for option, count in counts.items() if count == fewest]
    if len(lowest) == 1:
        return lowest
    above = [count for count in counts.values() if count > fewest]
    if above and fewest * len(lowest) < min(above):
        return lowest
    weakest = min((first_preferences[o], borda_scores[o]) for o in lowest)
    return [o for o in lowest if (first_preferences[o], borda_scores[o]) == weakest]


# Dot voting --------------------------------------------------------------------------------


def tally_dots(
    allocations: Iterable[Mapping[OptionId, int]], options: Sequence[OptionId], budget: int
) -> DotResult:
    """Add up everyone's dots; percent is the option's share of all the dots given."""
    if budget < 0:
        raise ValueError("The dot budget cannot be negative.")
    known = _check_options(options)
    allocations = list(allocations)
    for allocation in allocations:
        given = sum(allocation.values())
        if given > budget:
            raise ValueError(f"A response gave {given} dots, over the budget of {budget}.")
    pairs, responses = _pair_counts(allocations)
    _check_known((option for option, _ in pairs), known)
    return tally_dots_counted(pairs, responses, options, budget)


def tally_dots_counted(
    pairs: Mapping[tuple[OptionId, int], int],
    responses: int,
    options: Sequence[OptionId],
    budget: int,
) -> DotResult:
    """The same from counts kept as responses arrive: (option, dots) -> how many
    responses gave that option that many dots."""
    _check_known((option for option, _ in pairs), _check_options(options))
    totals = dict.fromkeys(options, 0)
    for (option, dots), times in pairs.items():
        if dots < 0:
            raise ValueError(f"A response gave a negative number of dots ({dots}).")
        totals[option] += dots * times
    all_dots = sum(totals.values())
    return DotResult(
        responses=responses,
        budget=budget,
        totals=[OptionCount(o, n, _percent(n, all_dots)) for o, n in totals.items()],
        leaders=_leaders(totals),
    )


# Scores ------------------------------------------------------------------------------------


def tally_scores(
    scores: Iterable[Mapping[OptionId, int]], options: Sequence[OptionId]
) -> ScoreResult:
    """Mean, median, spread and range of the scores each option received. Leaders have the
    highest exact mean (not the rounded one shown), among options anyone scored."""
    known = _check_options(options)
    pairs, responses = _pair_counts(scores)
    _check_known((option for option, _ in pairs), known)
    return tally_scores_counted(pairs, responses, options)


def tally_scores_counted(
    pairs: Mapping[tuple[OptionId, int], int], responses: int, options: Sequence[OptionId]
) -> ScoreResult:
    """The same from counts kept as responses arrive: (option, score) -> how many
    responses gave that option that score."""
    _check_known((option for option, _ in pairs), _check_options(options))
    frequencies: dict[OptionId, dict[int, int]] = {option: {} for option in options}
    for (option, score), times in pairs.items():
        if times:
            frequencies[option][score] = times
    results = [_option_score(option, frequencies[option]) for option in options]
    means = {
        option: Fraction(sum(s * n for s, n in table.items()), sum(table.values()))
        for option, table in frequencies.items()
        if table
    }
    top = max(means.values(), default=None)
    return ScoreResult(
        responses=responses,
        scores=results,
        leaders=[option for option, mean in means.items() if mean == top],
    )


def _option_score(option: OptionId, frequencies: Mapping[int, int]) -> OptionScore:
    """Figures for one option from how many times each score was given, kept exact
    (fractions) until rounded for display."""
    if not frequencies:
        return OptionScore(option, 0, None, None, None, None, None)
    table = sorted(frequencies.items())
    count = sum(frequencies.values())
    mean = Fraction(sum(score * times for score, times in table), count)
    variance = sum((score - mean) ** 2 * times for score, times in table) / count
    spread = (Decimal(variance.numerator) / Decimal(variance.denominator)).sqrt()
    middle = (_nth_score(table, (count - 1) // 2) + _nth_score(table, count // 2)) / 2
    return OptionScore(
        option=option,
        count=count,
        mean=_two_places(mean),
        median=_two_places(Fraction(middle)),
        spread=spread.quantize(TWO_PLACES, rounding=ROUND_HALF_UP),
        minimum=table[0][0],
        maximum=table[-1][0],
    )


def _nth_score(table: Sequence[tuple[int, int]], index: int) -> Fraction:
    """The score at ``index`` (0-based) if every score given were listed in order."""
    for score, times in table:
        if index < times:
            return Fraction(score)
        index -= times
    raise IndexError(index)


# Stances (proposals, consent, gradients of agreement) --------------------------------------


def tally_stances(stances: Iterable[str], choices: Sequence[str]) -> StanceResult:
    """How many responses took each stance, with every stance present in the given order."""
    return tally_stances_counted(Counter(stances), choices)


def tally_stances_counted(counted: Mapping[str, int], choices: Sequence[str]) -> StanceResult:
    """The same from counts kept as responses arrive: stance -> how many took it."""
    counts = dict.fromkeys(choices, 0)
    for stance, times in counted.items():
        if stance not in counts:
            raise ValueError(f"{stance!r} is not one of the stances {list(choices)!r}.")
        counts[stance] += times
    responses = sum(counts.values())
    return StanceResult(
        responses=responses,
        counts=counts,
        percents={stance: _percent(n, responses) for stance, n in counts.items()},
    )


# Time polls --------------------------------------------------------------------------------


def tally_time_poll(
    answers: Iterable[Mapping[OptionId, str]], options: Sequence[OptionId]
) -> TimePollResult:
    """Yes / if need be / no for each slot, and the slots ordered best first. A slot a
    response left out counts as no answer, not as "no"."""
    known = _check_options(options)
    pairs, responses = _pair_counts(answers)
    _check_known((option for option, _ in pairs), known)
    return tally_time_poll_counted(pairs, responses, options)


def tally_time_poll_counted(
    pairs: Mapping[tuple[OptionId, str], int], responses: int, options: Sequence[OptionId]
) -> TimePollResult:
    """The same from counts kept as responses arrive: (option, answer) -> how many
    responses gave that answer for that slot."""
    _check_known((option for option, _ in pairs), _check_options(options))
    tallies = {option: dict.fromkeys(TIME_ANSWERS, 0) for option in options}
    for (option, answer), times in pairs.items():
        if answer not in TIME_ANSWERS:
            raise ValueError(f"{answer!r} is not one of {TIME_ANSWERS!r}.")
        tallies[option][answer] = times
    results = [
        TimeOptionAnswers(o, t["yes"], t["if_need_be"], t["no"]) for o, t in tallies.items()
    ]
    # sorted() is stable, so slots that are level on every count keep their display order.
    ordered = sorted(results, key=lambda slot: (slot.no, -slot.yes, -slot.if_need_be))
    return TimePollResult(
        responses=responses, answers=results, best=[slot.option for slot in ordered]
    )
