"""Tallies for deciding together: hand-worked examples and properties.

The hand-worked examples spell out every tie rule in the tallies module docstring. The
properties check the ranked tallies against pref-voting (the test oracle: see the module
docstring of levelfield.decisions.tallies for why it is not used at run time) and against
brute force.
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from typing import TYPE_CHECKING

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from levelfield.decisions.tallies import (
    OptionCount,
    OptionScore,
    RankedResult,
    RunoffRound,
    TimeOptionAnswers,
    tally_choices,
    tally_dots,
    tally_ranked,
    tally_scores,
    tally_stances,
    tally_time_poll,
)

if TYPE_CHECKING:
    from pref_voting.profiles_with_ties import ProfileWithTies

# No example database on disk, and the repository's autouse settings fixture is harmless
# to share between examples.
properties = settings(
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)


def repeat(times: int, ranking: list[int]) -> list[list[int]]:
    return [list(ranking) for _ in range(times)]


# Single and multiple choice ----------------------------------------------------------------


def test_a_single_choice_poll_counts_each_pick_with_its_share_of_responses() -> None:
    result = tally_choices([[1], [2], [1], [1], [3]], options=[1, 2, 3])

    assert result.responses == 5
    assert result.counts == [
        OptionCount(1, 3, Decimal("60.0")),
        OptionCount(2, 1, Decimal("20.0")),
        OptionCount(3, 1, Decimal("20.0")),
    ]
    assert result.leaders == [1]


def test_a_multiple_choice_tie_shows_both_leaders_and_shares_can_pass_100() -> None:
    result = tally_choices([[1, 2], [2, 3], [1]], options=[1, 2, 3])

    assert [c.count for c in result.counts] == [2, 2, 1]
    assert [c.percent for c in result.counts] == [
        Decimal("66.7"),
        Decimal("66.7"),
        Decimal("33.3"),
    ]
    assert result.leaders == [1, 2]


def test_a_choice_poll_with_no_responses_has_zero_counts_and_no_leaders() -> None:
    result = tally_choices([], options=[1, 2])

    assert result.responses == 0
    assert result.counts == [OptionCount(1, 0, Decimal("0.0")), OptionCount(2, 0, Decimal("0.0"))]
    assert result.leaders == []


def test_responses_that_pick_nothing_count_as_responses_but_make_no_leader() -> None:
    result = tally_choices([[], []], options=[1, 2])

    assert result.responses == 2
    assert [c.count for c in result.counts] == [0, 0]
    assert result.leaders == []


@pytest.mark.parametrize("selection", [[4], [1, 1]])
def test_a_choice_for_an_unknown_option_or_picked_twice_is_refused(selection: list[int]) -> None:
    with pytest.raises(ValueError):
        tally_choices([[1], selection], options=[1, 2, 3])


# Ranked choice: instant-runoff -------------------------------------------------------------


def test_instant_runoff_over_three_rounds_with_exhausted_ballots() -> None:
    # Worked by hand. 27 ballots, options A=1, B=2, C=3, D=4.
    # Round 1: A 9, B 7, C 6, D 5. Nobody has more than 13.5; D has fewest, out.
    # Round 2: D's 3 "D then B" ballots go to B, its 2 "D only" ballots are exhausted.
    #          A 9, B 10, C 6 of 25 counted; C out, its 6 ballots go to B.
    # Round 3: A 9, B 16 of 25: B has more than half and wins, although A led round 1.
    rankings = (
        repeat(9, [1]) + repeat(7, [2, 3]) + repeat(6, [3, 2]) + repeat(3, [4, 2]) + repeat(2, [4])
    )

    result = tally_ranked(rankings, options=[1, 2, 3, 4])

    assert result.responses == 27
    assert result.rounds == [
        RunoffRound(counts={1: 9, 2: 7, 3: 6, 4: 5}, eliminated=[4], exhausted=0),
        RunoffRound(counts={1: 9, 2: 10, 3: 6}, eliminated=[3], exhausted=2),
        RunoffRound(counts={1: 9, 2: 16}, eliminated=[], exhausted=2),
    ]
    assert result.runoff_winners == [2]
    # Borda on 4 options scores 3, 2, 1, 0 by position.
    assert result.borda_scores == {1: 27, 2: 39, 3: 32, 4: 15}
    assert result.borda_winners == [2]
    assert result.condorcet_winner == 2
    assert result.pairwise[2, 1] == 16
    assert result.pairwise[1, 2] == 9
    assert result.pairwise[2, 3] == 10
    assert result.pairwise[3, 2] == 6
    assert result.pairwise[1, 3] == 9
    assert result.pairwise[3, 1] == 13


def test_a_tie_for_fewest_votes_is_broken_by_fewest_first_preferences() -> None:
    # Round 1: A 12, B 9, C 7, D 2; D out and its ballots go to C.
    # Round 2: A 12, B 9, C 9. B and C together (18) could overtake A, so the tie is
    #          broken: C had 7 first preferences to B's 9, so C goes, not B.
    # Round 3: C's ballots go to B; D's ballots are exhausted. B 16 of 28 wins.
    # (Had B gone instead, its ballots would have made A the winner.)
    rankings = repeat(12, [1]) + repeat(9, [2, 1]) + repeat(7, [3, 2]) + repeat(2, [4, 3])

    result = tally_ranked(rankings, options=[1, 2, 3, 4])

    assert result.rounds == [
        RunoffRound(counts={1: 12, 2: 9, 3: 7, 4: 2}, eliminated=[4], exhausted=0),
        RunoffRound(counts={1: 12, 2: 9, 3: 9}, eliminated=[3], exhausted=0),
        RunoffRound(counts={1: 12, 2: 16}, eliminated=[], exhausted=2),
    ]
    assert result.runoff_winners == [2]


def test_a_tie_level_on_first_preferences_is_broken_by_the_lower_borda_score() -> None:
    # Round 1: A 8, B 6, C 5, D 5. C and D tie for fewest with 5 first preferences each;
    #          Borda (3, 2, 1, 0): C 6x2 + 5x3 + 2x2 = 31, D 3x3 + 2x3 = 15, so D goes.
    # Round 2: 3 "D only" ballots exhausted, 2 go to C: A 8, B 6, C 7 of 21; B out.
    # Round 3: B's ballots go to C: A 8, C 13 of 21; C wins.
    rankings = (
        repeat(8, [1, 2])
        + repeat(6, [2, 3])
        + repeat(5, [3, 2])
        + repeat(3, [4])
        + repeat(2, [4, 3])
    )

    result = tally_ranked(rankings, options=[1, 2, 3, 4])

    assert result.borda_scores == {1: 24, 2: 44, 3: 31, 4: 15}
    assert result.rounds == [
        RunoffRound(counts={1: 8, 2: 6, 3: 5, 4: 5}, eliminated=[4], exhausted=0),
        RunoffRound(counts={1: 8, 2: 6, 3: 7}, eliminated=[2], exhausted=3),
        RunoffRound(counts={1: 8, 3: 13}, eliminated=[], exhausted=3),
    ]
    assert result.runoff_winners == [3]


def test_options_tied_for_fewest_that_cannot_reach_the_next_go_out_together() -> None:
    # Round 1: A 10, B 8, C 6, D 2, E 2. D and E together (4) cannot reach C (6): both out.
    # Round 2: their ballots go to C: A 10, B 8, C 10; B out, its "B only" ballots exhaust.
    # Round 3: A 10, C 10 of 20: level, so the one with fewer first preferences (C, 6)
    #          goes and A wins with 10 of the 10 ballots still counted.
    rankings = (
        repeat(10, [1])
        + repeat(8, [2])
        + repeat(6, [3, 2])
        + repeat(2, [4, 3])
        + repeat(2, [5, 3])
    )

    result = tally_ranked(rankings, options=[1, 2, 3, 4, 5])

    assert result.rounds == [
        RunoffRound(counts={1: 10, 2: 8, 3: 6, 4: 2, 5: 2}, eliminated=[4, 5], exhausted=0),
        RunoffRound(counts={1: 10, 2: 8, 3: 10}, eliminated=[2], exhausted=0),
        RunoffRound(counts={1: 10, 3: 10}, eliminated=[3], exhausted=8),
        RunoffRound(counts={1: 10}, eliminated=[], exhausted=18),
    ]
    assert result.runoff_winners == [1]


def test_options_tied_for_fewest_that_could_draw_level_with_the_next_are_separated() -> None:
    # Round 1: A 7, B 4, C 2, D 2. C and D together (4) could draw level with B, so they
    #          are not dropped together: first preferences are level (2 each), and C has
    #          the lower Borda score (2x3 = 6 against D's 2x3 + 2x2 = 10), so C goes.
    # Round 2: C's ballots go to D: A 7, B 4, D 4. B had more first preferences, so D goes.
    # Round 3: D's ballots go to B, or are exhausted: A 7, B 6 of 13; A wins.
    rankings = repeat(7, [1]) + repeat(4, [2]) + repeat(2, [3, 4]) + repeat(2, [4, 2])

    result = tally_ranked(rankings, options=[1, 2, 3, 4])

    assert result.rounds == [
        RunoffRound(counts={1: 7, 2: 4, 3: 2, 4: 2}, eliminated=[3], exhausted=0),
        RunoffRound(counts={1: 7, 2: 4, 4: 4}, eliminated=[4], exhausted=0),
        RunoffRound(counts={1: 7, 2: 6}, eliminated=[], exhausted=2),
    ]
    assert result.runoff_winners == [1]


def test_a_perfect_cycle_is_reported_as_a_tie_with_no_condorcet_winner() -> None:
    # Each option is first, second and third once: level on votes, first preferences
    # and Borda (3 each), so nothing can break the tie; and 1 > 2 > 3 > 1 pairwise.
    result = tally_ranked([[1, 2, 3], [2, 3, 1], [3, 1, 2]], options=[1, 2, 3])

    assert result.rounds == [RunoffRound(counts={1: 1, 2: 1, 3: 1}, eliminated=[], exhausted=0)]
    assert result.runoff_winners == [1, 2, 3]
    assert result.borda_scores == {1: 3, 2: 3, 3: 3}
    assert result.borda_winners == [1, 2, 3]
    assert result.condorcet_winner is None
    assert (result.pairwise[1, 2], result.pairwise[2, 3], result.pairwise[3, 1]) == (2, 2, 2)


def test_an_even_split_between_two_options_is_a_tie_with_no_condorcet_winner() -> None:
    result = tally_ranked([[1, 2], [2, 1], [1, 2], [2, 1]], options=[1, 2])

    assert result.runoff_winners == [1, 2]
    assert result.borda_winners == [1, 2]
    assert result.condorcet_winner is None


def test_centre_squeeze_the_condorcet_winner_can_lose_instant_runoff() -> None:
    # Left=1, Centre=2, Right=3. Centre has fewest first preferences (5) and goes out
    # first, so Left beats Right 11 to 9. Yet Centre beats Left 12-8 and Right 13-7.
    rankings = (
        repeat(8, [1, 2, 3]) + repeat(3, [2, 1, 3]) + repeat(2, [2, 3, 1]) + repeat(7, [3, 2, 1])
    )

    result = tally_ranked(rankings, options=[1, 2, 3])

    assert result.rounds == [
        RunoffRound(counts={1: 8, 2: 5, 3: 7}, eliminated=[2], exhausted=0),
        RunoffRound(counts={1: 11, 3: 9}, eliminated=[], exhausted=0),
    ]
    assert result.runoff_winners == [1]
    assert result.condorcet_winner == 2
    assert (result.pairwise[2, 1], result.pairwise[1, 2]) == (12, 8)
    assert (result.pairwise[2, 3], result.pairwise[3, 2]) == (13, 7)
    assert result.borda_scores == {1: 19, 2: 25, 3: 16}
    assert result.borda_winners == [2]


def test_borda_with_partial_rankings_scores_unranked_options_zero() -> None:
    # 4 options, so positions score 3, 2, 1, 0; unranked options score nothing.
    # 1: 2x3 = 6. 2: 2x2 + 1x3 = 7. 3: 3x3 + 1x2 = 11. 4: 1x1 = 1.
    rankings = repeat(2, [1, 2]) + repeat(3, [3]) + [[2, 3, 4], []]

    result = tally_ranked(rankings, options=[1, 2, 3, 4])

    assert result.responses == 7
    assert result.borda_scores == {1: 6, 2: 7, 3: 11, 4: 1}
    assert result.borda_winners == [3]
    # The empty ranking is exhausted from the start; nobody put 4 first.
    assert result.rounds == [
        RunoffRound(counts={1: 2, 2: 1, 3: 3, 4: 0}, eliminated=[4], exhausted=1),
        RunoffRound(counts={1: 2, 2: 1, 3: 3}, eliminated=[2], exhausted=1),
        RunoffRound(counts={1: 2, 3: 4}, eliminated=[], exhausted=1),
    ]
    assert result.runoff_winners == [3]
    # 3 and 2 are level (3 ballots each way), so nobody beats every other option.
    assert (result.pairwise[3, 2], result.pairwise[2, 3]) == (3, 3)
    assert (result.pairwise[3, 1], result.pairwise[1, 3]) == (4, 2)
    assert result.condorcet_winner is None


def test_a_ranked_poll_with_no_responses_has_no_rounds_and_no_winners() -> None:
    result = tally_ranked([], options=[1, 2, 3])

    assert result == RankedResult(
        responses=0,
        rounds=[],
        runoff_winners=[],
        borda_scores={1: 0, 2: 0, 3: 0},
        borda_winners=[],
        condorcet_winner=None,
        pairwise={(a, b): 0 for a in (1, 2, 3) for b in (1, 2, 3) if a != b},
    )


def test_responses_that_rank_nothing_are_counted_as_exhausted_and_elect_nobody() -> None:
    result = tally_ranked([[], []], options=[1, 2])

    assert result.responses == 2
    assert result.rounds == [RunoffRound(counts={1: 0, 2: 0}, eliminated=[], exhausted=2)]
    assert result.runoff_winners == []
    assert result.borda_winners == []
    assert result.condorcet_winner is None


@pytest.mark.parametrize("ranking", [[1, 1], [1, 9]])
def test_a_ranking_naming_an_option_twice_or_an_unknown_option_is_refused(
    ranking: list[int],
) -> None:
    with pytest.raises(ValueError):
        tally_ranked([[1, 2], ranking], options=[1, 2, 3])


# Dot voting --------------------------------------------------------------------------------


def test_dot_totals_and_their_share_of_all_dots_given() -> None:
    allocations = [{1: 5, 2: 5}, {1: 10}, {2: 3, 3: 3}, {}]

    result = tally_dots(allocations, options=[1, 2, 3], budget=10)

    assert result.responses == 4
    assert result.budget == 10
    # 26 dots given: 15/26 = 57.69%, 8/26 = 30.77%, 3/26 = 11.54%.
    assert result.totals == [
        OptionCount(1, 15, Decimal("57.7")),
        OptionCount(2, 8, Decimal("30.8")),
        OptionCount(3, 3, Decimal("11.5")),
    ]
    assert result.leaders == [1]


def test_dot_voting_tie_and_no_responses() -> None:
    tie = tally_dots([{1: 5, 2: 5}], options=[1, 2, 3], budget=10)
    empty = tally_dots([], options=[1, 2], budget=10)

    assert tie.leaders == [1, 2]
    assert [t.percent for t in tie.totals] == [Decimal("50.0"), Decimal("50.0"), Decimal("0.0")]
    assert empty.responses == 0
    assert empty.totals == [OptionCount(1, 0, Decimal("0.0")), OptionCount(2, 0, Decimal("0.0"))]
    assert empty.leaders == []


@pytest.mark.parametrize(
    "allocation",
    [{1: 6, 2: 5}, {1: -1, 2: 3}, {4: 1}],
    ids=["over the budget", "negative", "unknown option"],
)
def test_dots_over_the_budget_negative_or_for_an_unknown_option_are_refused(
    allocation: dict[int, int],
) -> None:
    with pytest.raises(ValueError):
        tally_dots([{1: 10}, allocation], options=[1, 2, 3], budget=10)


# Scores ------------------------------------------------------------------------------------


def test_scores_give_mean_median_spread_and_range_per_option() -> None:
    scores = [{1: 5, 2: 3}, {1: 4, 2: 3}, {1: 1, 2: 3}, {1: 2}]

    result = tally_scores(scores, options=[1, 2, 3])

    assert result.responses == 4
    # Option 1: 5, 4, 1, 2. Mean 3; median (2 + 4) / 2 = 3; deviations 2, 1, -2, -1
    # square to 10, over 4 is 2.5, whose square root is 1.58.
    assert result.scores == [
        OptionScore(1, 4, Decimal("3.00"), Decimal("3.00"), Decimal("1.58"), 1, 5),
        OptionScore(2, 3, Decimal("3.00"), Decimal("3.00"), Decimal("0.00"), 3, 3),
        OptionScore(3, 0, None, None, None, None, None),
    ]
    # Level means: both lead.
    assert result.leaders == [1, 2]


def test_scores_round_for_display_but_leaders_use_the_exact_mean() -> None:
    # Option 1: 1, 2, 2 = 5/3 = 1.667. Option 2: 67 twos and 33 ones = 1.67 exactly.
    # Both show as 1.67; option 2 is higher.
    scores = [{1: 1}, {1: 2}, {1: 2}] + [{2: 2}] * 67 + [{2: 1}] * 33

    result = tally_scores(scores, options=[1, 2])

    first = result.scores[0]
    assert (first.mean, first.median, first.spread) == (
        Decimal("1.67"),
        Decimal("2.00"),
        Decimal("0.47"),  # square root of 2/9
    )
    assert result.scores[1].mean == Decimal("1.67")
    assert result.leaders == [2]


def test_scores_with_no_responses_have_no_figures_and_no_leaders() -> None:
    result = tally_scores([], options=[1])

    assert result.responses == 0
    assert result.scores == [OptionScore(1, 0, None, None, None, None, None)]
    assert result.leaders == []


def test_a_score_for_an_unknown_option_is_refused() -> None:
    with pytest.raises(ValueError):
        tally_scores([{1: 3}, {7: 3}], options=[1, 2])


# Stances -----------------------------------------------------------------------------------


def test_stances_are_counted_in_the_given_order_including_ones_nobody_took() -> None:
    result = tally_stances(["agree", "agree", "disagree"], ["agree", "unsure", "disagree"])

    assert result.responses == 3
    assert list(result.counts.items()) == [("agree", 2), ("unsure", 0), ("disagree", 1)]
    assert list(result.percents.items()) == [
        ("agree", Decimal("66.7")),
        ("unsure", Decimal("0.0")),
        ("disagree", Decimal("33.3")),
    ]


def test_stances_with_no_responses_and_an_unknown_stance() -> None:
    empty = tally_stances([], ["consent", "object"])

    assert empty.responses == 0
    assert empty.counts == {"consent": 0, "object": 0}
    assert empty.percents == {"consent": Decimal("0.0"), "object": Decimal("0.0")}
    with pytest.raises(ValueError):
        tally_stances(["consent", "maybe"], ["consent", "object"])


# Time polls --------------------------------------------------------------------------------


def test_time_poll_orders_slots_by_fewest_no_then_most_yes() -> None:
    answers = [
        {1: "yes", 2: "no", 3: "if_need_be"},
        {1: "if_need_be", 2: "yes", 3: "yes"},
        {1: "no", 2: "yes"},  # left slot 3 out: no answer, not "no"
    ]

    result = tally_time_poll(answers, options=[1, 2, 3])

    assert result.responses == 3
    assert result.answers == [
        TimeOptionAnswers(1, yes=1, if_need_be=1, no=1),
        TimeOptionAnswers(2, yes=2, if_need_be=0, no=1),
        TimeOptionAnswers(3, yes=1, if_need_be=1, no=0),
    ]
    # 3 has no "no"; 2 and 1 have one each, and 2 has more "yes".
    assert result.best == [3, 2, 1]


def test_time_poll_ties_go_to_more_if_need_be_then_display_order() -> None:
    answers = [{10: "yes", 30: "yes"}, {20: "yes"}, {20: "if_need_be"}]

    result = tally_time_poll(answers, options=[10, 20, 30])

    assert result.best == [20, 10, 30]


def test_time_poll_with_no_responses_keeps_display_order_and_refuses_bad_answers() -> None:
    empty = tally_time_poll([], options=[5, 6])

    assert empty.responses == 0
    assert empty.answers == [TimeOptionAnswers(5, 0, 0, 0), TimeOptionAnswers(6, 0, 0, 0)]
    assert empty.best == [5, 6]
    with pytest.raises(ValueError):
        tally_time_poll([{5: "maybe"}], options=[5, 6])
    with pytest.raises(ValueError):
        tally_time_poll([{7: "yes"}], options=[5, 6])


# Properties --------------------------------------------------------------------------------

option_lists = st.lists(st.integers(1, 50), min_size=1, max_size=5, unique=True)


@st.composite
def ranked_polls(
    draw: st.DrawFn, *, full: bool = False, min_options: int = 1, min_distinct: int = 0
) -> tuple[list[int], list[list[int]]]:
    """Options and a few distinct rankings, each given by 1 to 4 people: small, so ties
    are common."""
    options = draw(st.lists(st.integers(1, 50), min_size=min_options, max_size=5, unique=True))
    rankings = []
    for _ in range(draw(st.integers(min_distinct, 10))):
        ranking = draw(partial_rankings(options, full=full))
        rankings += [ranking] * draw(st.integers(1, 4))
    return options, rankings


@st.composite
def partial_rankings(draw: st.DrawFn, options: list[int], *, full: bool = False) -> list[int]:
    order = draw(st.permutations(options))
    return order if full else order[: draw(st.integers(0, len(order)))]


def oracle_profile(options: list[int], rankings: list[list[int]]) -> ProfileWithTies:
    """The same rankings as a pref-voting profile: rank 1 is best, unranked options are
    below every ranked one (extended strict preference), as in the tallies."""
    # Imported here, not at the top: pref-voting takes 1 to 3 s to import (numba, scipy,
    # matplotlib), which only the tests that use it should pay, not every test run's
    # collection. Its ProfileWithTies is plain Python, so no numba compilation follows.
    from pref_voting.profiles_with_ties import ProfileWithTies

    grouped = Counter(tuple(r) for r in rankings)
    profile = ProfileWithTies(
        [{option: place + 1 for place, option in enumerate(r)} for r in grouped],
        rcounts=list(grouped.values()),
        candidates=options,
    )
    profile.use_extended_strict_preference()
    return profile


def brute_force_pairwise(
    options: list[int], rankings: list[list[int]]
) -> dict[tuple[int, int], int]:
    def above(ranking: list[int], a: int, b: int) -> bool:
        return a in ranking and (b not in ranking or ranking.index(a) < ranking.index(b))

    return {
        (a, b): sum(above(r, a, b) for r in rankings) for a in options for b in options if a != b
    }


def elimination_kinds(result: RankedResult) -> set[str]:
    """How each round's eliminations came about: 'clear' (a unique fewest, or tied fewest
    that together cannot reach the next), 'broken' (one option picked from a tie by the
    tie rules) or 'together' (several options level on every tie rule)."""
    kinds = set()
    for round_ in result.rounds:
        if not round_.eliminated:
            continue
        fewest = min(round_.counts.values())
        lowest = [o for o, n in round_.counts.items() if n == fewest]
        others = [n for n in round_.counts.values() if n > fewest]
        if len(lowest) == 1 or (others and fewest * len(lowest) < min(others)):
            assert round_.eliminated == lowest
            kinds.add("clear")
        elif len(round_.eliminated) == 1:
            kinds.add("broken")
        else:
            kinds.add("together")
    return kinds


@properties
@given(poll=ranked_polls(), data=st.data())
def test_a_majority_first_choice_always_wins_instant_runoff(
    poll: tuple[list[int], list[list[int]]], data: st.DataObject
) -> None:
    options, others = poll
    favourite = data.draw(st.sampled_from(options))
    rest = [o for o in options if o != favourite]
    tails = data.draw(st.lists(partial_rankings(rest), min_size=1, max_size=3))
    # More ballots put the favourite first than all the others put together.
    majority = data.draw(st.integers(len(others) + 1, len(others) + 3))
    rankings = others + [[favourite, *tails[i % len(tails)]] for i in range(majority)]

    result = tally_ranked(rankings, options)

    assert result.runoff_winners == [favourite]
    assert result.rounds[-1].counts[favourite] * 2 > result.responses
    # More than half put it first, so it beats every other option head to head too.
    assert result.condorcet_winner == favourite


@properties
@given(poll=ranked_polls())
def test_the_condorcet_winner_is_reported_whenever_there_is_one(
    poll: tuple[list[int], list[list[int]]],
) -> None:
    options, rankings = poll
    pairwise = brute_force_pairwise(options, rankings)
    beats_all = [
        a for a in options if all(pairwise[a, b] > pairwise[b, a] for b in options if b != a)
    ]

    result = tally_ranked(rankings, options)

    assert result.pairwise == pairwise
    if any(rankings):
        assert result.condorcet_winner == (beats_all[0] if beats_all else None)
        assert result.condorcet_winner == oracle_profile(options, rankings).condorcet_winner()
    else:
        # Nobody ranked anything: a lone option "beats all others" only vacuously.
        assert result.condorcet_winner is None


@properties
@given(
    poll=st.one_of(
        ranked_polls(min_options=3, min_distinct=4),
        ranked_polls(full=True, min_options=3, min_distinct=4),
    )
)
def test_ranked_tallies_match_pref_voting(poll: tuple[list[int], list[list[int]]]) -> None:
    from pref_voting.iterative_methods import (
        instant_runoff_for_truncated_linear_orders,
        instant_runoff_put,
    )
    from pref_voting.scoring_methods import domination_borda_scores

    options, rankings = poll
    profile = oracle_profile(options, rankings)

    result = tally_ranked(rankings, options)

    # Borda with unranked options scoring 0 is pref-voting's "domination" Borda score:
    # the number of options ranked strictly below.
    assert result.borda_scores == profile.borda_scores(borda_score_fnc=domination_borda_scores)
    for round_ in result.rounds:
        assert sum(round_.counts.values()) + round_.exhausted == result.responses
    assert [r.exhausted for r in result.rounds] == sorted(r.exhausted for r in result.rounds)

    if not any(rankings):
        assert result.runoff_winners == result.borda_winners == []
        return
    kinds = elimination_kinds(result)
    if kinds <= {"clear"} and len(result.runoff_winners) <= 1:
        # No tie needed breaking: the same as pref-voting's instant-runoff for truncated
        # ballots, which also drops exhausted ballots from the majority it needs.
        assert result.runoff_winners == instant_runoff_for_truncated_linear_orders(profile)
    if "together" not in kinds and len(result.runoff_winners) == 1:
        # Ties broken one option at a time follow one of the elimination orders that
        # pref-voting's "parallel universe" instant-runoff tries, so the winner is one of
        # its winners.
        assert result.runoff_winners[0] in instant_runoff_put(profile)


@properties
@given(
    options=option_lists,
    budget=st.integers(0, 12),
    data=st.data(),
)
def test_dot_totals_never_exceed_the_budget_times_responses(
    options: list[int], budget: int, data: st.DataObject
) -> None:
    dots = st.lists(st.sampled_from(options), max_size=budget).map(Counter)
    allocations = data.draw(st.lists(dots, max_size=10))

    result = tally_dots(allocations, options, budget)

    given_dots = sum(sum(a.values()) for a in allocations)
    assert sum(t.count for t in result.totals) == given_dots <= result.responses * budget
    overspent = {options[0]: budget + 1}
    with pytest.raises(ValueError):
        tally_dots([*allocations, overspent], options, budget)


@properties
@given(options=option_lists, data=st.data())
def test_single_choice_counts_add_up_to_the_responses_and_percents_to_100(
    options: list[int], data: st.DataObject
) -> None:
    picks = data.draw(st.lists(st.sampled_from(options), min_size=1, max_size=60))

    result = tally_choices([[p] for p in picks], options)

    assert sum(c.count for c in result.counts) == result.responses == len(picks)
    # Each percentage is rounded to 0.1, so the sum can be off by up to 0.05 per option.
    assert abs(sum(c.percent for c in result.counts) - 100) <= Decimal("0.05") * len(options)
    top = max(c.count for c in result.counts)
    assert result.leaders == [c.option for c in result.counts if c.count == top]


@properties
@given(options=option_lists, data=st.data())
def test_multiple_choice_counts_add_up_to_the_picks_and_none_exceeds_the_responses(
    options: list[int], data: st.DataObject
) -> None:
    selection = st.lists(st.sampled_from(options), unique=True)
    selections = data.draw(st.lists(selection, max_size=30))

    result = tally_choices(selections, options)

    assert sum(c.count for c in result.counts) == sum(len(s) for s in selections)
    assert all(c.count <= result.responses for c in result.counts)


@properties
@given(options=option_lists, data=st.data())
def test_each_mean_lies_between_its_lowest_and_highest_score(
    options: list[int], data: st.DataObject
) -> None:
    response = st.dictionaries(st.sampled_from(options), st.integers(0, 5))
    responses = data.draw(st.lists(response, max_size=15))

    result = tally_scores(responses, options)

    for score in result.scores:
        if score.count:
            assert score.minimum <= score.mean <= score.maximum
            assert score.minimum <= score.median <= score.maximum
            assert score.spread >= 0
