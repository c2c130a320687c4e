"""Close decisions past their closing time and send the day-before reminders.

`run_periodic` runs it every 10 minutes, a safety net beside the task worker (which
closes each decision at its time): both are idempotent, so nothing closes or reminds twice.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import BaseCommand

from levelfield.decisions import services


class Command(BaseCommand):
    help = "Close decisions whose closing time has passed and send due reminders."
    every = datetime.timedelta(minutes=10)  # run by run_periodic (levelfield/periodic/jobs.py)

    def handle(self, *args: Any, **options: Any) -> None:
        reminded = services.decisions_remind_due()
        closed = services.decisions_close_due()
        self.stdout.write(f"Closed {closed} decisions; sent {reminded} reminder emails.")
