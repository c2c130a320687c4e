"""Sizes for `manage.py seed_scale`, shared by every app's `scale.py`.

`large` is the issue's network (20,000 people, 2,000 projects, ...); `small` is the same
shape a few hundred times smaller, so the benchmark can show that a page's number of
queries does not grow with the data. Framework-free: each app's scale.py does the
inserting.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice
from typing import TypeVar

SIZES = ("small", "large")
SMALL_DIVISOR = 200  # small is the large shape this many times smaller
BATCH = 5_000  # rows per INSERT

T = TypeVar("T")


def scaled(size: str, large: int, *, least: int = 1) -> int:
    """How many of something to make: `large` for the large size, else a share of it."""
    if size not in SIZES:
        raise ValueError(f"size must be one of {', '.join(SIZES)}, not {size!r}")
    return large if size == "large" else max(least, large // SMALL_DIVISOR)


def batches(rows: Iterable[T], size: int = BATCH) -> Iterator[list[T]]:
    """Rows in lists of `size`, so a generator of 200,000 rows never sits in memory."""
    iterator = iter(rows)
    while chunk := list(islice(iterator, size)):
        yield chunk
