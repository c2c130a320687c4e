"""Suggesting which submitted questions ask the same thing, by text similarity.

A lexical method, chosen because it loads offline and explains itself: each question
becomes a TF-IDF vector of word stems (common words dropped, simple suffixes trimmed,
so "carers" and "caring" meet), and pairs whose cosine similarity reaches
`THRESHOLD` are suggested. An inverted index compares only questions that share a
stem, so 5,000 questions take seconds, not the 12.5 million comparisons of every pair.

These are suggestions: people confirm each one. `manage.py priorities_evaluate_grouping`
reports precision and recall on the labelled pairs in `labelled.py`.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence

THRESHOLD = 0.3
# Each question keeps only its closest few suggestions: people confirm every one, and
# a question with many near copies joins their group after a few confirmations anyway.
MOST_PER_QUESTION = 5
# A stem in more than this share of the questions says nothing about which are alike
# (for a stroke partnership, "stroke"); leaving it out keeps the comparison quick.
TOO_COMMON = 0.25

STOP_WORDS = frozenset(
    """a about after all also am an and any are as at be been before being best better
    between both but by can could do does doing done during each for from get gets getting
    had has have having how i if in into is it its me more most my no not of on or other
    our out over should so some such than that the their them then there these they this
    those through to too under up us was we were what when where whether which while who
    why will with would you your people person help helps way ways""".split()  # noqa: SIM905
)
WORD = re.compile(r"[a-z0-9]+")
SUFFIXES = ("ations", "ation", "ings", "ing", "ness", "ies", "ers", "er", "ed", "es", "s", "ly")


def stem(word: str) -> str:
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    if word.endswith("i"):
        word = word[:-1] + "y"
    return word


def stems(text: str) -> list[str]:
    return [stem(w) for w in WORD.findall(text.lower()) if w not in STOP_WORDS and len(w) > 1]


def similar_pairs(
    texts: Sequence[str], *, threshold: float = THRESHOLD, most: int = MOST_PER_QUESTION
) -> list[tuple[int, int, float]]:
    """(i, j, score) for i < j, indexes into `texts`, best first; a pair is kept when it
    is among the `most` best of either of its questions."""
    documents = [Counter(stems(text)) for text in texts]
    count = len(documents)
    frequency: Counter[str] = Counter()
    for document in documents:
        frequency.update(document.keys())
    limit = max(2, TOO_COMMON * count)
    idf = {term: math.log((1 + count) / (1 + df)) + 1 for term, df in frequency.items()}
    vectors: list[dict[str, float]] = []
    postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for index, document in enumerate(documents):
        weights = {term: tf * idf[term] for term, tf in document.items()}
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        vector = {term: w / norm for term, w in weights.items()}
        vectors.append(vector)
        for term, weight in vector.items():
            if frequency[term] <= limit:
                postings[term].append((index, weight))
    pairs = []
    for index, vector in enumerate(vectors):
        dots: dict[int, float] = defaultdict(float)
        for term, weight in vector.items():
            if frequency[term] > limit:
                continue
            for other, other_weight in postings[term]:
                if other > index:
                    dots[other] += weight * other_weight
        for other in dots:
            # The common stems left out above still count towards the real cosine.
            score = sum(w * vectors[other].get(t, 0.0) for t, w in vector.items())
            if score >= threshold:
                pairs.append((index, other, round(score, 4)))
    pairs.sort(key=lambda pair: (-pair[2], pair[0], pair[1]))
    kept: Counter[int] = Counter()
    best = []
    for i, j, score in pairs:
        if kept[i] < most or kept[j] < most:
            best.append((i, j, score))
            kept[i] += 1
            kept[j] += 1
    return best
