"""How far two or more people coding the same text agree, sentence by sentence.

Coders mark passages of any length, so to compare them we cut the text into units
(sentences) and ask of each unit, for one code: did this coder mark any of it?
That gives each coder a yes/no per sentence, and the usual chance-corrected measures:

- **Cohen's kappa** for two coders: (observed agreement - agreement expected by chance)
  / (1 - agreement expected by chance), chance taken from each coder's own rate of
  saying yes. 1 is perfect agreement, 0 is what chance alone gives, below 0 is worse.
- **Krippendorff's alpha** (nominal) for any number of coders, with missing ratings
  (someone who did not code that transcript): 1 - observed disagreement / expected
  disagreement, both counted over pairs of ratings of the same unit (Krippendorff 2011,
  "Computing Krippendorff's Alpha-Reliability"). Units rated by fewer than two coders
  cannot show agreement or disagreement and are left out.

Both are None when they are undefined, and the page should then say why instead of a
number: with no units, "There are no sentences that both of you coded yet"; when every
rating is the same (everyone marked every sentence, or no one marked any), "Everyone
made the same choice for every sentence, so agreement beyond chance cannot be worked
out", showing the plain percentage agreement (100%) instead.

**Sentences** (`sentence_units`): a sentence ends at ".", "!", "?" or "…" (one or more,
then any closing quotes or brackets) followed by white space, and at every paragraph
break (a blank line). A line break inside a paragraph does not end a sentence, since
PDFs break lines mid-sentence. A full stop does not end a sentence after a title or
common abbreviation (Dr, Mr, Mrs, Ms, Mx, Prof, St, Rev, vs, approx, e.g., i.e., cf.,
a.m., p.m.) or after a single capital initial ("J. Smith"), except "I" ("so did I.").
"etc." and "no." are taken as ending a sentence because they so often do. Each unit's
span leaves out surrounding white space.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Hashable, Iterable, Sequence
from fractions import Fraction

ABBREVIATIONS = frozenset(
    {"dr", "mr", "mrs", "ms", "mx", "prof", "st", "rev", "revd", "vs", "approx",
     "e.g", "i.e", "cf", "a.m", "p.m", "eg", "ie", "fig", "jr", "sr"}
)  # fmt: skip

PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")
SENTENCE_END = re.compile(r"[.!?…]+['\"”’)\]]*(?=\s)")
WORD_BEFORE = re.compile(r"[\w.]+$")


def sentence_units(text: str) -> list[tuple[int, int]]:
    """The (start, end) character span of every sentence, in order (rules above)."""
    units: list[tuple[int, int]] = []
    paragraph_start = 0
    for paragraph_break in [*PARAGRAPH_BREAK.finditer(text), None]:
        paragraph_end = paragraph_break.start() if paragraph_break else len(text)
        start = paragraph_start
        for end_mark in SENTENCE_END.finditer(text, paragraph_start, paragraph_end):
            if _is_abbreviation(text, paragraph_start, end_mark.start(), end_mark.group()):
                continue
            _add_trimmed(text, start, end_mark.end(), units)
            start = end_mark.end()
        _add_trimmed(text, start, paragraph_end, units)
        if paragraph_break:
            paragraph_start = paragraph_break.end()
    return units


def _is_abbreviation(text: str, floor: int, at: int, mark: str) -> bool:
    if mark != ".":
        return False
    # Only the few characters before the stop: searching the whole paragraph for each
    # stop would take time growing with the square of a long paragraph (a PDF page).
    word = WORD_BEFORE.search(text, max(floor, at - 12), at)
    if word is None:
        return False
    token = word.group().lower()
    initial = len(token) == 1 and word.group().isupper() and word.group() != "I"
    return token in ABBREVIATIONS or initial


def _add_trimmed(text: str, start: int, end: int, units: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        units.append((start, end))


def coded_units(
    segments: Iterable[tuple[int, int]], units: Sequence[tuple[int, int]]
) -> list[bool]:
    """For each unit, whether any coded segment overlaps it by at least one character
    (touching at an edge is not overlapping). Segments are (start, end) spans."""
    spans = sorted((start, end) for start, end in segments if end > start)
    # Merge into disjoint spans so each unit needs one look-up.
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    starts = [start for start, _end in merged]
    result = []
    for unit_start, unit_end in units:
        # The last merged span starting before the unit ends is the only candidate.
        at = bisect_left(starts, unit_end) - 1
        result.append(at >= 0 and merged[at][1] > unit_start and unit_end > unit_start)
    return result


def cohens_kappa(a: Sequence[bool], b: Sequence[bool]) -> float | None:
    """Cohen's kappa for two coders' yes/no per unit; None when there are no units or
    chance agreement is 1 (both coders gave one and the same answer throughout)."""
    if len(a) != len(b):
        raise ValueError("Both coders must rate the same units")
    n = len(a)
    if n == 0:
        return None
    observed = Fraction(sum(x == y for x, y in zip(a, b, strict=True)), n)
    a_yes, b_yes = Fraction(sum(map(bool, a)), n), Fraction(sum(map(bool, b)), n)
    expected = a_yes * b_yes + (1 - a_yes) * (1 - b_yes)
    if expected == 1:
        return None
    return float((observed - expected) / (1 - expected))


def krippendorff_alpha(ratings: Sequence[Sequence[Hashable | None]]) -> float | None:
    """Krippendorff's alpha for nominal values: one row per coder, one column per unit,
    None for a missing rating. Any hashable values work (True/False here; the tests also
    use Krippendorff's own 1-5 example). None when fewer than two pairable ratings exist
    or only one value was ever used (no disagreement is possible)."""
    if len({len(row) for row in ratings}) > 1:
        raise ValueError("Every coder's row must have one rating per unit")
    units = zip(*ratings, strict=True) if ratings else iter(())
    # Each ordered pair of ratings of one unit by different coders adds 1 / (m - 1), m
    # being the unit's number of ratings. Pairs are counted as whole numbers for each m
    # and divided once at the end: exact, without a fraction per unit.
    pairs_by_m: Counter[tuple[Hashable, Hashable, int]] = Counter()
    for column in units:
        values = [value for value in column if value is not None]
        m = len(values)
        if m < 2:
            continue
        counts = Counter(values)
        for c, n_c in counts.items():
            for k, n_k in counts.items():
                pairs = n_c * (n_c - 1) if c == k else n_c * n_k
                if pairs:
                    pairs_by_m[c, k, m] += pairs
    coincidences: Counter[tuple[Hashable, Hashable]] = Counter()
    for (c, k, m), pairs in pairs_by_m.items():
        coincidences[c, k] += Fraction(pairs, m - 1)
    totals: Counter[Hashable] = Counter()
    for (c, _k), count in coincidences.items():
        totals[c] += count
    n = sum(totals.values())
    if n < 2:
        return None
    disagreements = sum(count for (c, k), count in coincidences.items() if c != k)
    expected_pairs = n * n - sum(count * count for count in totals.values())
    if expected_pairs == 0:
        return None
    return float(1 - (n - 1) * disagreements / expected_pairs)
