"""Fill an empty database with a synthetic network at benchmark scale.

    python manage.py seed_scale --size small|large

Calls each app's manifest `scale` (lib/manifests.py) in the order their `scale_after`
gives (people, collectives and projects first, since the others read them from the
database) and prints how long each took. Each app
bulk-inserts rows as its services would leave them (constraints, counts kept on rows,
history where its pages read it). Random choices use fixed seeds, so the same size
gives the same data. For benchmarks only: run it on a fresh database.
"""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from levelfield.lib.manifests import scale_manifests, seed_for
from levelfield.lib.scale import SIZES
from levelfield.people.models import User
from levelfield.people.scale import EMAIL_PREFIX

SEED = 20_261_201


class Command(BaseCommand):
    help = "Fill an empty database with a synthetic network (small or large) for benchmarks."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--size", choices=SIZES, default="small")

    def handle(self, *args: Any, size: str, **options: Any) -> None:
        if User.objects.filter(email__startswith=EMAIL_PREFIX).exists():
            raise CommandError("This database already has scale data; seed a fresh one.")
        started = time.perf_counter()
        for manifest in scale_manifests():
            began = time.perf_counter()
            with transaction.atomic():
                manifest.scale(size=size, rng=seed_for(manifest.label, SEED))
            app = manifest.label
            self.stdout.write(f"{app:<13} {time.perf_counter() - began:6.1f} s", ending="\n")
            self.stdout.flush()
        began = time.perf_counter()
        _statistics_refresh()
        self.stdout.write(f"{'analyze':<13} {time.perf_counter() - began:6.1f} s")
        self.stdout.write(f"seed_scale --size {size}: {time.perf_counter() - started:.1f} s")


def _statistics_refresh() -> None:
    """Give PostgreSQL's planner statistics for the new rows at once, as a database in use
    has them (autovacuum would get there later; without them it picks plans for empty
    tables, such as a nested loop over 7 million label rows for the resource map)."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # PostgreSQL and SQLite both understand it
