"""Profile one request of a page on the seeded data with pyinstrument (`make bench`'s
`--profile NAME`, or directly: DATABASE_URL=... python bench/load_profile.py PATH).

Runs the whole stack in-process as the load benchmark's person 1, with production
settings, after one warm-up request; prints pyinstrument's tree and the query count.
With `--cpu N` it prints instead the CPU milliseconds of N requests (min and median), the
figure to compare before and after a change: under load with 16 people on 2 cores a page
waits for about eight others, so a page needs about 15 ms of CPU or less for a p95 under
150 ms. CPU time, unlike wall time, changes little when other work shares the machine.
"""

from __future__ import annotations

import os
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


def main(path: str) -> None:
    client = Client(HTTP_X_FORWARDED_PROTO="https")
    client.force_login(User.objects.get(pk=people_in_order()[1]))
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


def cpu(path: str, requests: int) -> None:
    """CPU milliseconds per request (this process, database time excluded)."""
    client = Client(HTTP_X_FORWARDED_PROTO="https")
    client.force_login(User.objects.get(pk=people_in_order()[1]))
    for _ in range(3):
        client.get(path, secure=True)
    spent = []
    for _ in range(requests):
        started = time.process_time()
        response = client.get(path, secure=True)
        spent.append((time.process_time() - started) * 1000)
    with CaptureQueriesContext(connection) as queries:
        client.get(path, secure=True)
    print(
        f"{path}: {response.status_code}, {len(response.content) / 1024:.0f} KB, "
        f"{len(queries)} queries, CPU ms min {min(spent):.1f} "
        f"median {statistics.median(spent):.1f} over {requests}"
    )


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[2] == "--cpu":
        cpu(sys.argv[1], int(sys.argv[3]))
    else:
        main(sys.argv[1])
