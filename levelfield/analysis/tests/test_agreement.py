"""Two or more people code the same transcript; the page shows how far they agree.
The measures are checked against examples worked by hand here and against
Krippendorff's own published examples, then against properties that must always hold."""

from __future__ import annotations

from fractions import Fraction
from random import Random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from levelfield.analysis.agreement import (
    coded_units,
    cohens_kappa,
    krippendorff_alpha,
    sentence_units,
)


def sentences(text: str) -> list[str]:
    return [text[start:end] for start, end in sentence_units(text)]


# Sentences


def test_sentences_end_at_stops_and_paragraph_breaks() -> None:
    text = "We met. Was it useful? Yes!\n\nA new paragraph with no stop\n\n  \n Last one…  "
    assert sentences(text) == [
        "We met.",
        "Was it useful?",
        "Yes!",
        "A new paragraph with no stop",
        "Last one…",
    ]


def test_titles_abbreviations_and_initials_do_not_end_a_sentence() -> None:
    text = "Dr. Patel and Mrs. J. Bloggs came, e.g. at 9 a.m. on St. John's day. Then we left."
    assert sentences(text) == [
        "Dr. Patel and Mrs. J. Bloggs came, e.g. at 9 a.m. on St. John's day.",
        "Then we left.",
    ]


def test_i_no_and_etc_at_the_end_of_a_sentence_end_it() -> None:
    assert sentences("So did I. I said no. We had tea etc. Then home.") == [
        "So did I.",
        "I said no.",
        "We had tea etc.",
        "Then home.",
    ]


def test_a_line_break_inside_a_paragraph_does_not_end_a_sentence() -> None:
    assert sentences("It was a long\nline from a PDF. Next.") == [
        "It was a long\nline from a PDF.",
        "Next.",
    ]


def test_quotes_after_the_stop_belong_to_the_sentence_and_decimals_do_not_split() -> None:
    assert sentences('She said "no." It cost 3.50 pounds.') == [
        'She said "no."',
        "It cost 3.50 pounds.",
    ]


def test_no_text_has_no_sentences() -> None:
    assert sentence_units("") == []
    assert sentence_units(" \n\n ") == []


@given(st.text(alphabet="ab .!?\nDr", max_size=60))
def test_sentences_are_ordered_trimmed_and_apart(text: str) -> None:
    units = sentence_units(text)
    for start, end in units:
        assert 0 <= start < end <= len(text)
        assert not text[start].isspace() and not text[end - 1].isspace()
    for (_, end), (start, _) in zip(units, units[1:], strict=False):
        assert end <= start
    # Everything that is not white space is in some sentence.
    covered = {i for start, end in units for i in range(start, end)}
    assert all(text[i].isspace() for i in range(len(text)) if i not in covered)


# Coded units


def test_a_unit_is_coded_when_any_segment_overlaps_it() -> None:
    units = [(0, 10), (11, 20), (21, 30), (31, 40)]
    # One segment inside the first unit, one spanning the third and fourth; one touching
    # the second's end only (20..21) and an empty one do not count.
    segments = [(2, 4), (20, 21), (25, 33), (15, 15)]
    assert coded_units(segments, units) == [True, False, True, True]


def test_no_segments_codes_nothing() -> None:
    assert coded_units([], [(0, 5), (6, 9)]) == [False, False]


@given(
    st.lists(st.tuples(st.integers(0, 50), st.integers(0, 50)), max_size=8),
    st.lists(st.tuples(st.integers(0, 50), st.integers(0, 50)), max_size=8),
)
def test_coded_units_agrees_with_checking_every_pair(
    segments: list[tuple[int, int]], units: list[tuple[int, int]]
) -> None:
    expected = [any(max(us, ss) < min(ue, se) for ss, se in segments) for us, ue in units]
    assert coded_units(segments, units) == expected


# Cohen's kappa, worked by hand


def test_kappa_for_a_table_worked_by_hand() -> None:
    # 50 sentences:      B coded   B not
    #   A coded             20        5      (A: 25 of 50 = 0.5)
    #   A not               10       15      (B: 30 of 50 = 0.6)
    # observed agreement = (20 + 15) / 50 = 0.7
    # chance agreement   = 0.5 * 0.6 + 0.5 * 0.4 = 0.5
    # kappa              = (0.7 - 0.5) / (1 - 0.5) = 0.4
    a = [True] * 20 + [True] * 5 + [False] * 10 + [False] * 15
    b = [True] * 20 + [False] * 5 + [True] * 10 + [False] * 15
    assert cohens_kappa(a, b) == pytest.approx(0.4)


def test_kappa_for_krippendorffs_binary_example() -> None:
    # Krippendorff (2011), section A: A codes 2 of 10, B codes 4 of 10, they agree on 6.
    # observed 0.6; chance 0.2 * 0.4 + 0.8 * 0.6 = 0.56; kappa = 0.04 / 0.44 = 1/11.
    a = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0]
    b = [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]
    assert cohens_kappa([x == 1 for x in a], [x == 1 for x in b]) == pytest.approx(1 / 11)


def test_kappa_is_minus_one_for_complete_opposite_with_even_rates() -> None:
    assert cohens_kappa([True, False], [False, True]) == pytest.approx(-1.0)


def test_kappa_is_undefined_without_units_or_variation() -> None:
    assert cohens_kappa([], []) is None
    assert cohens_kappa([True, True], [True, True]) is None
    assert cohens_kappa([False] * 3, [False] * 3) is None


def test_kappa_needs_the_same_units() -> None:
    with pytest.raises(ValueError, match="same units"):
        cohens_kappa([True], [True, False])


# Krippendorff's alpha, against the published examples


def test_alpha_for_krippendorffs_nominal_example_with_missing_ratings() -> None:
    # Krippendorff (2011), section C: four observers, twelve units, values 1-5.
    a = [1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None]
    b = [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3]
    c = [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None]
    d = [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None]
    # Unit 12 has one rating and is dropped. The coincidence matrix (each unit with m
    # ratings adds 1/(m-1) for every ordered pair of its ratings by different coders):
    #        1     2     3     4     5  | n_c
    #   1    7    4/3   1/3   1/3    0  |  9
    #   2   4/3   10    4/3   1/3    0  | 13
    #   3   1/3   4/3    8    1/3    0  | 10
    #   4   1/3   1/3   1/3    4     0  |  5
    #   5    0     0     0     0     3  |  3      n = 40
    # Off the diagonal the matrix sums to 8; sum of n_c * n_k for c != k is
    # 40^2 - (81 + 169 + 100 + 25 + 9) = 1216.
    # alpha = 1 - (n - 1) * 8 / 1216 = 1 - 312/1216 = 113/152 = 0.743 (as published).
    expected = float(1 - Fraction(39 * 8, 1216))
    assert expected == pytest.approx(113 / 152)
    assert krippendorff_alpha([a, b, c, d]) == pytest.approx(expected)
    assert round(krippendorff_alpha([a, b, c, d]) or 0, 3) == 0.743


def test_alpha_for_krippendorffs_binary_example() -> None:
    # Section A: o00 = 10, o01 = o10 = 4, o11 = 2; n0 = 14, n1 = 6, n = 20.
    # alpha = 1 - (n - 1) * o01 / (n0 * n1) = 1 - 19 * 4 / 84 = 0.095.
    a = [False, True, False, False, False, False, False, False, True, False]
    b = [True, True, True, False, False, True, False, False, False, False]
    assert krippendorff_alpha([a, b]) == pytest.approx(1 - 76 / 84)


def test_alpha_is_undefined_without_pairs_or_variation() -> None:
    assert krippendorff_alpha([]) is None
    assert krippendorff_alpha([[True, None], [None, False]]) is None
    assert krippendorff_alpha([[True, True], [True, True], [True, None]]) is None


def test_alpha_needs_a_rating_slot_for_every_unit() -> None:
    with pytest.raises(ValueError, match="one rating per unit"):
        krippendorff_alpha([[True, False], [True]])


# Properties

two_coders = st.integers(1, 40).flatmap(
    lambda n: st.tuples(st.lists(st.booleans(), min_size=n, max_size=n),
                        st.lists(st.booleans(), min_size=n, max_size=n))
)  # fmt: skip


@given(two_coders)
def test_kappa_is_symmetric_and_at_most_one(pair: tuple[list[bool], list[bool]]) -> None:
    a, b = pair
    kappa = cohens_kappa(a, b)
    assert kappa == cohens_kappa(b, a)
    if kappa is not None:
        assert -1.0 - 1e-9 <= kappa <= 1.0 + 1e-9


@given(st.lists(st.booleans(), min_size=2, max_size=40).filter(lambda a: len(set(a)) == 2))
def test_perfect_agreement_is_one_on_both_measures(a: list[bool]) -> None:
    assert cohens_kappa(a, a) == pytest.approx(1.0)
    assert krippendorff_alpha([a, a, a]) == pytest.approx(1.0)


@given(two_coders)
def test_alpha_for_two_coders_is_scotts_pi_corrected_for_sample_size(
    pair: tuple[list[bool], list[bool]],
) -> None:
    # With two coders and nothing missing, alpha = 1 - (2N - 1) / (2N) * (1 - pi), where
    # Scott's pi takes chance from both coders' pooled rate (Krippendorff 2011); and
    # Cohen's kappa is never below pi.
    a, b = pair
    n = len(a)
    pooled = Fraction(sum(a) + sum(b), 2 * n)
    chance = pooled**2 + (1 - pooled) ** 2
    alpha = krippendorff_alpha([a, b])
    if chance == 1:
        assert alpha is None
        return
    observed = Fraction(sum(x == y for x, y in zip(a, b, strict=True)), n)
    pi = (observed - chance) / (1 - chance)
    assert alpha == pytest.approx(float(1 - Fraction(2 * n - 1, 2 * n) * (1 - pi)))
    kappa = cohens_kappa(a, b)
    assert kappa is not None and kappa >= float(pi) - 1e-9


@given(
    st.lists(st.lists(st.sampled_from([True, False, None]), min_size=6, max_size=6),
             min_size=2, max_size=4),
    st.randoms(),
)  # fmt: skip
def test_alpha_ignores_the_order_of_coders_and_units_and_lone_ratings(
    rows: list[list[bool | None]], rng: Random
) -> None:
    alpha = krippendorff_alpha(rows)
    shuffled_rows = list(reversed(rows))
    order = list(range(6))
    rng.shuffle(order)
    shuffled = [[row[i] for i in order] for row in shuffled_rows]
    lone = [[*row, True if k == 0 else None] for k, row in enumerate(rows)]
    for other in (krippendorff_alpha(shuffled), krippendorff_alpha(lone)):
        assert (alpha is None and other is None) or other == pytest.approx(alpha)
