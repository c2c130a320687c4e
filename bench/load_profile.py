"""Profile one request of a page on the seeded data with pyinstrument (`make bench`'s
`--profile NAME`, or directly: DATABASE_URL=... python bench/load_profile.py PATH).

Runs the whole stack in-process as the load benchmark's person 1, with production
settings, after one warm-up request; prints pyinstrument's tree and the query count.
With `--cpu N` it prints instead the CPU milliseconds of N requests (min and median), the
figure to compare before and after a change: under load with 16 people on 2 cores a page
waits for about eight others, so a page needs about 15 ms of CPU or less for a p95 under
150 ms. CPU time, unlike wall time, changes little when other work shares the machine.
With `--layers N` (no path) it prints, for every page of the load table, that median and
where a request's time goes: its SQL, its templates, the layers around the view.
"""

from __future__ import annotations

import cProfile
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "levelfield.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from pyinstrument import Profiler  # noqa: E402

from levelfield.people.models import User  # noqa: E402
from levelfield.people.scale import people_in_order  # noqa: E402


def _client() -> Client:
    """The load's person 1 (or the person PROFILE_PERSON numbers: the load's 16 people
    are 1 to 16), signed in; in the language PROFILE_LANGUAGE names (its cookie, as the
    load asks for Welsh pages), else the person's own."""
    from django.conf import settings

    client = Client(HTTP_X_FORWARDED_PROTO="https")
    client.force_login(
        User.objects.get(pk=people_in_order()[int(os.environ.get("PROFILE_PERSON", "1"))])
    )
    if os.environ.get("PROFILE_LANGUAGE"):
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = os.environ["PROFILE_LANGUAGE"]
    return client


def main(path: str) -> None:
    client = _client()
    client.get(path, secure=True)
    profiler = Profiler(interval=0.0005)
    with CaptureQueriesContext(connection) as queries:
        profiler.start()
        response = client.get(path, secure=True)
        profiler.stop()
    print(
        profiler.output_text(
            unicode=True, color=False, show_all=os.environ.get("PROFILE_ALL") == "1"
        )
    )
    print(
        f"{path}: {response.status_code}, {len(response.content) / 1024:.0f} KB, "
        f"{len(queries)} queries"
    )


def _database_cpu_seconds() -> float | None:
    """The CPU seconds PostgreSQL's backend for this connection has used (planning and
    running the queries), read from /proc as the server runs on this machine; None on
    SQLite or a remote server."""
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    # utime and stime are the 14th and 15th fields of the whole line (11th, 12th here).
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def cpu(path: str, requests: int) -> None:
    """CPU milliseconds per request: this process's (min and median), and the database
    backend's (mean: /proc counts in clock ticks of 10 ms, too coarse for one request)."""
    client = _client()
    for _ in range(3):
        client.get(path, secure=True)
    spent = []
    database_before = _database_cpu_seconds()
    for _ in range(requests):
        started = time.process_time()
        response = client.get(path, secure=True)
        spent.append((time.process_time() - started) * 1000)
    database_after = _database_cpu_seconds()
    database = (
        f", database CPU ms mean {(database_after - database_before) * 1000 / requests:.1f}"
        if database_before is not None and database_after is not None
        else ""
    )
    with CaptureQueriesContext(connection) as queries:
        client.get(path, secure=True)
    print(
        f"{path}: {response.status_code}, {len(response.content) / 1024:.0f} KB, "
        f"{len(queries)} queries, CPU ms min {min(spent):.1f} "
        f"median {statistics.median(spent):.1f} over {requests}{database}"
    )


def _seconds_in(stats: pstats.Stats, file_ends: str, function: str) -> float:
    """Seconds spent in `function` of the file whose path ends `file_ends`, with all it
    called (cProfile counts a call made inside another of the same function once)."""
    return sum(
        row[3]
        for (file, _line, name), row in stats.stats.items()  # type: ignore[attr-defined]
        if name == function and file.endswith(file_ends)
    )


def layer_shares(stats: pstats.Stats) -> dict[str, float]:
    """Where the profiled requests' time went, as shares of the whole: `sql` building,
    running and reading every query (waiting for the database included); `templates`
    rendering; `around` the layers around the view that every page has (middleware, the
    session and the signed-in person, read there). The shares overlap where one layer
    runs another: the session's and the person's queries are in `sql` and `around`, a
    query a template runs in `sql` and `templates`."""
    total = _seconds_in(stats, "django/test/client.py", "request")
    sql = _seconds_in(stats, "django/db/models/sql/compiler.py", "execute_sql") + _seconds_in(
        stats, "levelfield/lib/sessions.py", "_get_session_from_db"
    )
    templates = _seconds_in(stats, "django/template/backends/django.py", "render")
    around = total - _seconds_in(stats, "django/core/handlers/base.py", "_get_response")
    return {"sql": sql / total, "templates": templates / total, "around": around / total}


def layers(requests: int) -> None:
    """For each page of the load table (`load_targets.pages`, as person 1): CPU ms a
    request (min and median of `requests`, no profiler; the min moves least with other
    work on the machine), then the shares of `layer_shares` from cProfile over as many
    more: which layer a page's cost is in, before choosing a fix."""
    from bench_common import IN_WELSH
    from django.conf import settings
    from load_targets import pages

    client = _client()
    columns = ("CPU ms min", "median", "SQL", "templates", "around the view")
    print(f"{'page':42} " + " ".join(f"{column:>{len(column)}}" for column in columns))
    for name, find in pages().items():
        path = find()
        if path is None:
            continue
        # Read as the load reads it: in Welsh (the cookie) for a row named so, else in the
        # person's own language.
        if name.endswith(IN_WELSH):
            client.cookies[settings.LANGUAGE_COOKIE_NAME] = "cy"
        else:
            client.cookies.pop(settings.LANGUAGE_COOKIE_NAME, None)
        for _ in range(3):
            client.get(path, secure=True)
        spent = []
        for _ in range(requests):
            started = time.process_time()
            client.get(path, secure=True)
            spent.append((time.process_time() - started) * 1000)
        profile = cProfile.Profile()
        profile.enable()
        for _ in range(requests):
            client.get(path, secure=True)
        profile.disable()
        shares = layer_shares(pstats.Stats(profile))
        print(
            f"{name[:42]:42} {min(spent):10.1f} {statistics.median(spent):6.1f} "
            + " ".join(
                f"{shares[layer]:{width}.0%}"
                for layer, width in (("sql", 3), ("templates", 9), ("around", 15))
            )
        )


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--layers":
        layers(int(sys.argv[2]))
    elif len(sys.argv) == 4 and sys.argv[2] == "--cpu":
        cpu(sys.argv[1], int(sys.argv[3]))
    else:
        main(sys.argv[1])
