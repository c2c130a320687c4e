"""Running work in several threads at the same moment, for the concurrency tests of
collectives and projects (real concurrent connections need PostgreSQL)."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from django.db import connection

# The marks for a module of such tests: they need their own committed data and
# PostgreSQL's concurrent connections.
CONCURRENCY_MARKS = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs PostgreSQL's concurrent connections"
    ),
]


def at_once(count: int, work: Callable[[int], object]) -> list[object]:
    """Run `work(n)` in `count` threads released together; return results or exceptions."""
    barrier = threading.Barrier(count)
    results: list[object] = []

    def run(number: int) -> None:
        barrier.wait()
        try:
            results.append(work(number))
        except Exception as error:  # noqa: BLE001 - collected for the test to inspect
            results.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results
