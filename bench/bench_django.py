"""A throwaway database for the benchmarks that go through the real app.

Django's own test-database machinery makes it: a fresh `test_<name>` database on the
server named by DATABASE_URL (PostgreSQL), or a temporary SQLite file otherwise. It is
created, migrated and destroyed here, so no real database's data is ever touched.
"""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any


def _configure() -> None:
    """The project's settings as the tests see them: MD5 password hashing, the immediate
    task backend, hosts the test client uses. DEBUG stays off, as in production."""
    os.environ["DJANGO_SETTINGS_MODULE"] = "levelfield.settings"
    os.environ["LEVELFIELD_TESTING"] = "true"
    os.environ["DEBUG"] = "false"
    import django

    django.setup()


@contextmanager
def test_database() -> Iterator[str]:
    """Set Django up, make a fresh test database, and yield a line describing it."""
    _configure()
    from django.conf import settings
    from django.db import connection
    from django.test.utils import (
        setup_databases,
        setup_test_environment,
        teardown_databases,
        teardown_test_environment,
    )

    with tempfile.TemporaryDirectory(prefix="levelfield-bench-") as folder:
        database = settings.DATABASES["default"]
        if database["ENGINE"] == "django.db.backends.sqlite3":
            # Django's test SQLite database lives in memory unless given a file name;
            # a file behaves like the one the app really runs on.
            database.setdefault("TEST", {})["NAME"] = str(Path(folder) / "bench.sqlite3")
        setup_test_environment()
        started = time.perf_counter()
        old_config = setup_databases(verbosity=0, interactive=False, keepdb=False)
        try:
            described = (
                f"SQLite {connection.Database.sqlite_version}"
                if connection.vendor == "sqlite"
                else f"PostgreSQL {connection.pg_version // 10000}"
                if connection.vendor == "postgresql"
                else connection.vendor
            )
            print(
                f"Database: {described}, test database {connection.settings_dict['NAME']} "
                f"(made and migrated in {time.perf_counter() - started:.1f} s).\n"
            )
            yield described
        finally:
            teardown_databases(old_config, verbosity=0)
            teardown_test_environment()


@dataclass(frozen=True)
class PageTiming:
    ms: float
    queries: int
    size: int  # bytes of HTML


def time_page(client: Any, url: str, *, check: Callable[[str], bool] | None = None) -> PageTiming:
    """GET a page once to warm up, then the best of 3, counting the SQL queries of each
    timed one (the warm-up may fill caches kept per version of the data, as the decision
    page's response rates are).

    Refuses to time anything but a 200 (a benchmark of a 404 or a log-in redirect
    proves nothing), and a page whose content fails `check`.
    """
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts: set[int] = set()
    sizes: set[int] = set()
    times: list[float] = []
    for run in range(1 + 3):  # the first is the warm-up
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(url)
            times.append(time.perf_counter() - started)
        if response.status_code != 200:
            raise RuntimeError(f"GET {url} gave {response.status_code}, not 200")
        if check is not None and not check(response.content.decode()):
            raise RuntimeError(f"GET {url} did not show what the benchmark expects")
        if run:
            counts.add(len(queries.captured_queries))
        sizes.add(len(response.content))
    if len(counts) != 1:
        raise RuntimeError(f"GET {url} made a different number of queries each time: {counts}")
    return PageTiming(ms=min(times[1:]) * 1000, queries=counts.pop(), size=max(sizes))


def time_prepared(client: Any, url: str, *, check: Callable[[bytes], bool]) -> PageTiming:
    """A download prepared in the background (levelfield/jobs), timed from the button to
    the file as the worker makes it, after one warm-up (imports, fonts); its `queries`
    are 0 (the worker's are not the page's). Refuses a file that fails `check`."""
    from levelfield.jobs.testing import prepared

    prepared(client, url)
    started = time.perf_counter()
    response = prepared(client, url)
    elapsed = (time.perf_counter() - started) * 1000
    if response.status_code != 200 or not check(response.content):
        raise RuntimeError(f"The job started at {url} did not make the expected file")
    return PageTiming(ms=elapsed, queries=0, size=len(response.content))
