"""Searching the resource map: ranked, stemmed English full-text search on
PostgreSQL; a simpler match on SQLite that finds the same resources on the demo data.

PostgreSQL filters on the same expression as the GIN index in the model's Meta (so the
index is used) and ranks titles above summaries. SQLite has no such index: each word
of the search, cut to a rough stem, must appear in the title or the summary.
"""

from __future__ import annotations

import re

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connections
from django.db.models import Q, QuerySet

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


def resources_search(resources: QuerySet[Resource], text: str) -> QuerySet[Resource]:
    """The resources matching `text`, best first on PostgreSQL (title order on SQLite)."""
    text = text.strip()
    if connections[resources.db].vendor == "postgresql":
        return _postgres_search(resources, text)
    words = search_words(text)
    if not words:
        return resources.none()
    for word in words:
        resources = resources.filter(Q(title__icontains=word) | Q(summary__icontains=word))
    return resources.order_by("title", "pk")


def _postgres_search(resources: QuerySet[Resource], text: str) -> QuerySet[Resource]:
    query = SearchQuery(text, config=SEARCH_CONFIG, search_type="websearch")
    weighted = SearchVector("title", weight="A", config=SEARCH_CONFIG) + SearchVector(
        "summary", weight="B", config=SEARCH_CONFIG
    )
    return (
        resources.annotate(search=SearchVector("title", "summary", config=SEARCH_CONFIG))
        .filter(search=query)
        .annotate(rank=SearchRank(weighted, query))
        .order_by("-rank", "title", "pk")
    )
