"""Run background jobs that are waiting (`levelfield/jobs/services.py` says how).

Each job is queued for the task worker (`db_worker`) when it is asked for; this command
is the safety net `run_periodic` runs every minute, for a job whose task was lost or
whose worker was killed (it goes back to waiting after `STALE_AFTER`). `--once` runs
one waiting job and stops (tests, or by hand). Two of these, or one beside `db_worker`,
never take the same job.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from levelfield.jobs import services
from levelfield.lib.words import plural

# At most this many jobs per periodic run, so one run never holds up the schedule long.
PER_RUN = 10


class Command(BaseCommand):
    help = "Run waiting background jobs (downloads, PDFs) and restart ones cut off."
    every = datetime.timedelta(minutes=1)  # run by run_periodic (levelfield/periodic/jobs.py)

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="Run one waiting job, then stop.")

    def handle(self, *args: Any, **options: Any) -> None:
        recovered = services.jobs_recover_stale()
        if recovered:
            self.stdout.write(f"Took back {plural(recovered, 'job')} that had been cut off.")
        ran = 0
        for _ in range(1 if options["once"] else PER_RUN):
            job = services.job_run_next()
            if job is None:
                break
            ran += 1
            self.stdout.write(f"Job {job.pk} ({job.kind}): {job.get_state_display()}.")
        self.stdout.write(f"Ran {plural(ran, 'job')}.")
