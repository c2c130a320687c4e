"""The shared cost of a request, in-process: CPU milliseconds per request for near-empty
pages (the health check, the home page of a signed-in member, the notices list) with
production settings, so changes to the middleware, context processors and the base
template can be measured before and after.

Run against a migrated PostgreSQL database of your own, with the production settings'
environment (DEBUG off, SECRET_KEY, ALLOWED_HOSTS including testserver, SITE_URL) and
after `manage.py collectstatic`:

    DATABASE_URL=postgres://... python bench/request_cost.py [--requests 200] [--profile PATH]

It makes one person with a collective and a project if they are missing, then times
`--requests` requests of each path after ten warm-up requests, and prints ms/request
(process CPU time and wall time) and the queries one request makes.
"""

from __future__ import annotations

import argparse
import os
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

from levelfield.people.models import User  # noqa: E402

EMAIL = "request-cost@example.org"
PATHS = ["/health/", "/", "/notifications/"]


def person() -> User:
    """One signed-in member with a collective and a project, made once."""
    found = User.objects.filter(email=EMAIL).first()
    if found is not None:
        return found
    from levelfield.collectives.tests.factories import CollectiveMembershipFactory
    from levelfield.people.tests.factories import UserFactory
    from levelfield.projects.tests.factories import ProjectMembershipFactory

    user = UserFactory(email=EMAIL)
    membership = CollectiveMembershipFactory(person=user)
    ProjectMembershipFactory(person=user, project__collective=membership.collective)
    return user


def measure(client: Client, path: str, requests: int) -> tuple[float, float, int, int]:
    for _ in range(10):
        client.get(path, secure=True)
    cpu, wall = time.process_time(), time.perf_counter()
    for _ in range(requests):
        response = client.get(path, secure=True)
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    with CaptureQueriesContext(connection) as queries:
        client.get(path, secure=True)
    return cpu * 1000 / requests, wall * 1000 / requests, len(queries), response.status_code


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--profile", help="print a cProfile of this path instead")
    parser.add_argument("paths", nargs="*", default=PATHS)
    arguments = parser.parse_args()
    client = Client(HTTP_X_FORWARDED_PROTO="https")
    client.force_login(person())
    if arguments.profile:
        import cProfile
        import pstats

        for _ in range(10):
            client.get(arguments.profile, secure=True)
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(arguments.requests):
            client.get(arguments.profile, secure=True)
        profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(60)
        return
    print(f"{'path':<20} {'cpu ms':>7} {'wall ms':>8} {'queries':>8} status")
    for path in arguments.paths:
        cpu, wall, queries, status = measure(client, path, arguments.requests)
        print(f"{path:<20} {cpu:7.2f} {wall:8.2f} {queries:8d} {status}")


if __name__ == "__main__":
    main()
