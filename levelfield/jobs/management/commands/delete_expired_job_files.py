"""Delete background jobs' files whose time is up, and forget old failed jobs.

`run_periodic` runs it daily; running it again deletes nothing more.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import BaseCommand

from levelfield.jobs import services
from levelfield.lib.words import plural


class Command(BaseCommand):
    help = "Delete prepared downloads whose time is up (each is kept for a set time)."
    every = datetime.timedelta(days=1)  # run by run_periodic (levelfield/periodic/jobs.py)

    def handle(self, *args: Any, **options: Any) -> None:
        deleted = services.job_files_delete_expired()
        self.stdout.write(f"Deleted {plural(deleted, 'file')}.")
