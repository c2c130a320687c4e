"""Searching the resource map: ranked, stemmed English full-text search on
PostgreSQL; a simpler match on SQLite that finds the same resources on the demo data.

A search finds resources that mention any of its words, those with all of them first:
people type a few words ("remote co-production") and should not get nothing because
one resource lacks one word. A hyphenated term ("co-production") counts as one word.

PostgreSQL filters on the same expression as the GIN index in the model's Meta (so the
index is used) and ranks titles above summaries. SQLite has no such index: a word
matches when each of its parts, cut to a rough stem, is in the title or the summary.
"""

from __future__ import annotations

import operator
import re
from functools import reduce

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connections
from django.db.models import Case, IntegerField, Q, QuerySet, Value, When

from levelfield.resources.models import SEARCH_CONFIG, Resource

# The words PostgreSQL's English configuration ignores that people are likely to type.
STOP_WORDS = frozenset(
    [
        "a",
        "about",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "for",
        "from",
        "how",
        "i",
        "in",
        "into",
        "is",
        "it",
        "of",
        "on",
        "or",
        "our",
        "the",
        "their",
        "them",
        "this",
        "to",
        "was",
        "we",
        "what",
        "when",
        "where",
        "which",
        "who",
        "why",
        "will",
        "with",
        "you",
        "your",
    ]
)
SUFFIXES = ("ations", "ation", "ings", "ing", "ies", "ied", "ed", "es", "s", "y", "e")
MINIMUM_STEM = 3


def search_words(text: str) -> list[str]:
    """The stems the SQLite match looks for, in order, without stop words."""
    words = re.findall(r"[a-z0-9]+", text.lower())
    return [_stem(word) for word in words if word not in STOP_WORDS]


def _stem(word: str) -> str:
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= MINIMUM_STEM:
            return word[: -len(suffix)]
    return word


def search_terms(text: str) -> list[str]:
    """The words of a search as typed, split on spaces (so "co-production" stays one),
    without words that only exclude ("-payment") or that are all common words."""
    terms = [term.strip('"') for term in text.split()]
    return [term for term in terms if not term.startswith("-") and search_words(term)]


def resources_search(resources: QuerySet[Resource], text: str) -> QuerySet[Resource]:
    """The resources matching any word of `text`: those matching all of them first, then
    best first on PostgreSQL, or by how many words match and by title on SQLite."""
    text = text.strip()
    if connections[resources.db].vendor == "postgresql":
        return _postgres_search(resources, text)
    matches = [
        reduce(operator.and_, (Q(title__icontains=s) | Q(summary__icontains=s) for s in stems))
        for stems in (search_words(term) for term in search_terms(text))
    ]
    if not matches:
        return resources.none()
    matched = sum(
        (Case(When(match, then=Value(1)), default=Value(0)) for match in matches), Value(0)
    )
    return (
        resources.filter(reduce(operator.or_, matches))
        .annotate(matched=matched)
        .order_by("-matched", "title", "pk")
    )


def _postgres_search(resources: QuerySet[Resource], text: str) -> QuerySet[Resource]:
    every = SearchQuery(text, config=SEARCH_CONFIG, search_type="websearch")
    # Either the whole search (quotes and exclusions as people typed them) or any word.
    either = reduce(
        operator.or_,
        (
            SearchQuery(term, config=SEARCH_CONFIG, search_type="plain")
            for term in search_terms(text)
        ),
        every,
    )
    weighted = SearchVector("title", weight="A", config=SEARCH_CONFIG) + SearchVector(
        "summary", weight="B", config=SEARCH_CONFIG
    )
    return (
        resources.annotate(search=SearchVector("title", "summary", config=SEARCH_CONFIG))
        .filter(search=either)
        .annotate(
            has_every=Case(
                When(search=every, then=Value(1)), default=Value(0), output_field=IntegerField()
            ),
            rank=SearchRank(weighted, either),
        )
        .order_by("-has_every", "-rank", "title", "pk")
    )
