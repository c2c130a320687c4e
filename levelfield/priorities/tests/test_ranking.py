"""The two counts, checked against examples worked out by hand."""

from __future__ import annotations

from decimal import Decimal

import pytest

from levelfield.priorities.ranking import interim_tally, workshop_tally


def test_each_perspective_counts_equally_however_many_answered() -> None:
    # 8 professionals all pick question 1; 2 carers both pick question 2.
    # Professionals: q1 100%, q2 0%. Carers: q1 0%, q2 100%. Combined: 50% each,
    # and q1 comes first only because more answers picked it (8 against 2).
    ballots = [("professional", [1])] * 8 + [("carer", [2])] * 2
    result = interim_tally(ballots, [1, 2, 3])
    assert result.answers == {"professional": 8, "carer": 2}
    first, second, third = result.lines
    assert (first.question, first.combined, first.picks) == (1, Decimal("50.0"), 8)
    assert (second.question, second.combined, second.picks) == (2, Decimal("50.0"), 2)
    assert (third.question, third.combined) == (3, Decimal("0.0"))
    assert first.by_perspective == {"professional": Decimal("100.0"), "carer": Decimal("0.0")}


def test_a_small_group_outweighs_a_big_one_when_it_agrees_more() -> None:
    # 3 patients: q2 by all three (100%). 10 professionals: q1 by 6 (60%), q2 by 1 (10%).
    ballots = [("patient", [2])] * 3 + [("professional", [1])] * 6
    ballots += [("professional", [2])] + [("professional", [3])] * 3
    result = interim_tally(ballots, [1, 2, 3])
    assert [line.question for line in result.lines] == [2, 1, 3]
    assert result.lines[0].combined == Decimal("55.0")  # (100 + 10) / 2
    assert result.lines[1].combined == Decimal("30.0")  # (0 + 60) / 2


def test_no_answers_gives_zero_everywhere_in_written_order() -> None:
    result = interim_tally([], [5, 3])
    assert [line.question for line in result.lines] == [3, 5]
    assert all(line.combined == 0 for line in result.lines)


def test_the_lowest_total_of_group_ranks_wins() -> None:
    # Three groups rank questions 10, 20, 30.
    rankings = {1: [10, 20, 30], 2: [20, 10, 30], 3: [10, 30, 20]}
    # Totals: 10 -> 1+2+1 = 4; 20 -> 2+1+3 = 6; 30 -> 3+3+2 = 8.
    lines = workshop_tally(rankings, [10, 20, 30])
    assert [(line.question, line.total, line.place) for line in lines] == [
        (10, 4, 1),
        (20, 6, 2),
        (30, 8, 3),
    ]
    assert lines[0].ranks == [1, 2, 1]
    assert not any(line.tied for line in lines)


def test_a_tie_on_totals_is_broken_head_to_head() -> None:
    # Totals: a=1+3+2=6, b=2+1+3=6, c=3+2+1=6: all level. Head to head a beats b in
    # groups 1 and 3 (2 of 3); b beats c in groups 1 and 2; c beats a in groups 2 and 3:
    # a cycle, so head to head cannot order them and the interim order decides.
    cycle = {1: [1, 2, 3], 2: [2, 3, 1], 3: [3, 1, 2]}
    lines = workshop_tally(cycle, [1, 2, 3], interim_order=[3, 2, 1])
    assert [line.question for line in lines] == [3, 2, 1]
    # Two groups with a level total for 1 and 2, but 1 above 2 in more groups? With two
    # groups [1,2,3] and [2,3,1]... use four groups for a clear head-to-head:
    # totals: 1 -> 1+1+3+2 = 7; 2 -> 2+3+1+1 = 7; 3 -> 3+2+2+3 = 10.
    four = {1: [1, 2, 3], 2: [1, 3, 2], 3: [2, 3, 1], 4: [2, 1, 3]}
    lines = workshop_tally(four, [1, 2, 3], interim_order=[2, 1, 3])
    # Head to head 1 vs 2: 1 above 2 in groups 1 and 2; 2 above 1 in 3 and 4: level,
    # so the interim order (2 before 1) breaks it.
    assert [line.question for line in lines] == [2, 1, 3]
    assert lines[0].broken_by == "interim survey"
    assert [line.place for line in lines] == [1, 2, 3]


def test_head_to_head_decides_before_the_interim_survey() -> None:
    # Totals: 1 -> 1+1+3 = 5; 2 -> 2+2+1 = 5; 3 -> 3+3+2 = 8. 1 is above 2 in two groups.
    rankings = {1: [1, 2, 3], 2: [1, 2, 3], 3: [2, 3, 1]}
    lines = workshop_tally(rankings, [1, 2, 3], interim_order=[2, 1, 3])
    assert [line.question for line in lines] == [1, 2, 3]
    assert lines[0].broken_by == "head to head"


def test_still_level_shares_the_place() -> None:
    rankings = {1: [1, 2], 2: [2, 1]}
    lines = workshop_tally(rankings, [1, 2])
    assert [line.place for line in lines] == [1, 1]
    assert all(line.tied for line in lines)


def test_a_group_must_rank_every_shortlisted_question_once() -> None:
    with pytest.raises(ValueError):
        workshop_tally({1: [1, 2]}, [1, 2, 3])
    with pytest.raises(ValueError):
        workshop_tally({1: [1, 1, 2]}, [1, 2, 3])
