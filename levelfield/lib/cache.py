"""Values worked out once per version and kept in the shared cache (CACHES).

The version is part of the key: a counter (or a row id that only grows) that the
service owning the data moves in the same transaction as the change, so a new version
is a new key and nothing ever needs invalidating, on one server or many. What the
version cannot see (a renamed person, say) shows when the entry expires, after
`seconds`.

Every version-keyed value goes through `versioned`; `key` names the entry, so each
cached thing is greppable by its name ("decisions:figures", "projects:log-totals").
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from django.core.cache import cache
from django.utils.functional import Promise
from django.utils.translation import get_language

T = TypeVar("T")

_MISSING = object()


def in_words(value: T) -> T:
    """`value` with its lazy translations turned into words in the active language, inside
    lists, tuples and dicts: what is kept per language need not stay lazy, and reading a
    lazy translation back from the cache cost about 80 µs (unpickling makes a new proxy
    class each time) against 0.2 for its words; the involvement log's totals held 15."""
    if isinstance(value, Promise):
        return str(value)  # type: ignore[return-value]
    if type(value) in (list, tuple):
        return type(value)(in_words(item) for item in value)  # type: ignore[return-value]
    if type(value) is dict:
        return {name: in_words(item) for name, item in value.items()}  # type: ignore[return-value]
    return value


def key(name: str, *version: object) -> str:
    """The cache key of `name` at `version` (the owner's id first, then its counters)."""
    return ":".join([name, *(str(part) for part in version)])


def versioned(
    name: str, version: tuple[object, ...], compute: Callable[[], T], *, seconds: int
) -> T:
    """The value of `name` at `version`: from the cache, or worked out by `compute` and
    kept for `seconds`. A value of None is kept too (the miss is told by a sentinel).
    Kept once per language: values may hold words (a stage's name), made in the language
    of whoever asked first."""
    entry = key(name, *version, get_language() or "")
    value = cache.get(entry, _MISSING)
    if value is _MISSING:
        value = in_words(compute())
        cache.set(entry, value, seconds)
    return value  # type: ignore[return-value]


# A kept piece of a page for `versioned_many`: its name, its version, and how to work it
# out when it is not kept (given the values of the pieces before it).
Piece = tuple[str, tuple[object, ...], Callable[[dict[str, Any]], Any]]


def versioned_many(pieces: Sequence[Piece], *, seconds: int) -> dict[str, Any]:
    """Each piece's value by name, kept at its version as `versioned` keeps it (the same
    keys: per version and language), all read in one round trip to the cache: with the
    cache in Redis every `versioned` is a round trip, and a page with five waited for
    five one after the other. The pieces not kept are worked out in order, each `compute`
    given the values before it, and kept in one more round trip."""
    language = get_language() or ""
    keys = [key(name, *version, language) for name, version, _compute in pieces]
    found = cache.get_many(keys)
    values: dict[str, Any] = {}
    fresh: dict[str, Any] = {}
    for entry, (name, _version, compute) in zip(keys, pieces, strict=True):
        if entry in found:
            values[name] = found[entry]
        else:
            values[name] = fresh[entry] = in_words(compute(values))
    if fresh:
        cache.set_many(fresh, seconds)
    return values


def digest(shown: object) -> str:
    """A key part for a value made only from `shown` (plain values: strings, numbers,
    dates, tuples and lists of them): any change to them is a new key, so what is kept
    under it is never stale and no version need move."""
    return hashlib.sha256(repr(shown).encode()).hexdigest()


def digested_many(
    name: str, items: Sequence[tuple[tuple[object, ...], Callable[[], T]]], *, seconds: int
) -> list[T]:
    """For each (shown, compute) of `items`, the value `compute` makes from `shown`,
    everything it depends on (plain values: strings, numbers, dates, tuples of them),
    kept under a digest of `shown`: any change to them is a new key, so nothing is
    stale and no version need move. For a page's rows whose inputs are at hand anyway
    (a row and the viewer's part of it): hashing them costs microseconds where
    rendering costs milliseconds. One round trip to the cache reads them all and one
    keeps those worked out afresh. Kept once per language, as `versioned`; values must
    not be None."""
    language = get_language() or ""
    entries = [key(name, digest(shown), language) for shown, _compute in items]
    found = cache.get_many(entries)
    fresh: dict[str, T] = {}
    values = []
    for entry, (_shown, compute) in zip(entries, items, strict=True):
        value = found.get(entry)
        if value is None:
            value = fresh[entry] = in_words(compute())
        values.append(value)
    if fresh:
        cache.set_many(fresh, seconds)
    return values


def peek(name: str, version: tuple[object, ...]) -> object | None:
    """The value of `name` at `version` if it is kept, else None (for callers that may
    show another value than counting afresh; most want `versioned`)."""
    return cache.get(key(name, *version))


def store(name: str, version: tuple[object, ...], value: object, *, seconds: int) -> None:
    """Keep `value` as `name` at `version` for `seconds` (the other half of `peek`)."""
    cache.set(key(name, *version), value, seconds)


def latest(name: str, *owner: object) -> object | None:
    """The value last kept by `keep_latest` for `owner`, whatever its version: for pages
    that may show slightly old figures rather than count again on every change."""
    return cache.get(key(name, *owner, "latest"))


def keep_latest(name: str, owner: tuple[object, ...], value: object, *, seconds: int) -> None:
    """Keep `value` as the latest of `name` for `owner` (see `latest`)."""
    cache.set(key(name, *owner, "latest"), value, seconds)


def forget_latest(name: str, *owner: object) -> None:
    """Drop the value kept by `keep_latest` for `owner` (it no longer holds)."""
    cache.delete(key(name, *owner, "latest"))
