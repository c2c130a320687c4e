"""Run every periodic job that is due (`levelfield/periodic/jobs.py` says how).

The one scheduler entry: from cron every 5 minutes in production, or `--loop 60` beside
the development server (`make run`). Running it twice, or on two servers at once, runs
nothing twice.
"""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from levelfield.periodic import jobs


class Command(BaseCommand):
    help = "Run every periodic job that is due (reminders, closing, summaries, link checks)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--loop", type=int, metavar="SECONDS", help="Keep running, waiting between runs."
        )
        parser.add_argument("--list", action="store_true", help="List the jobs and stop.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["list"]:
            for job in jobs.jobs():
                self.stdout.write(f"{job.name}: every {job.every}")
            return
        while True:
            results = jobs.periodic_run_due()
            for name, ok in results.items():
                self.stdout.write(f"{name}: {'done' if ok else 'FAILED (see the log)'}")
            if not options["loop"]:
                break
            time.sleep(options["loop"])
        failed = [name for name, ok in results.items() if not ok]
        if failed:
            raise CommandError(f"These periodic jobs failed: {', '.join(failed)}")
