"""What every benchmark returns, and how it times things."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

# A load row whose name ends so (bench/load_targets.py) is read by someone who chose Welsh:
# the locust user sends the language cookie, and `load_profile.py --layers` does too.
IN_WELSH = ", in Welsh"


@dataclass(frozen=True)
class Row:
    method: str
    responses: int  # 0 when the row is not about a number of responses (or entries)
    ms: float
    # Page benchmarks only: SQL queries for the page, the same page's queries with
    # little data (they should match), and the size of the HTML.
    queries: int | None = None
    small_queries: int | None = None
    kb: float | None = None


def best_of(repeats: int, work: Callable[[], object]) -> float:
    """The fastest of several runs, in milliseconds: the least disturbed by other load."""
    fastest = float("inf")
    for _ in range(repeats):
        started = time.perf_counter()
        work()
        fastest = min(fastest, time.perf_counter() - started)
    return fastest * 1000
