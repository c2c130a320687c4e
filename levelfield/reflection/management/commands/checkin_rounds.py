"""Close check-in rounds past their closing time and send the reminders that are due.

`run_periodic` runs it every 10 minutes beside the task worker: both are idempotent, so
running them together never closes or reminds twice.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import BaseCommand

from levelfield.reflection import services


class Command(BaseCommand):
    help = "Close check-in rounds whose closing time has passed and send due reminders."
    every = datetime.timedelta(minutes=10)  # run by run_periodic (levelfield/periodic/jobs.py)

    def handle(self, *args: Any, **options: Any) -> None:
        reminded = services.rounds_remind_due()
        closed = services.rounds_close_due()
        self.stdout.write(f"Closed {closed} check-in rounds; reminded {reminded} people.")
