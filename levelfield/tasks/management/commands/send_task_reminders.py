"""Remind owners of tasks due tomorrow (or already overdue), once per task and date.

`run_periodic` runs it hourly; each reminder goes once, however often it runs.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import BaseCommand

from levelfield.lib.words import plural
from levelfield.tasks import services


class Command(BaseCommand):
    help = "Remind owners of tasks due soon or overdue (once for each task and due date)."
    every = datetime.timedelta(hours=1)  # run by run_periodic (levelfield/periodic/jobs.py)

    def handle(self, *args: Any, **options: Any) -> None:
        sent = services.tasks_remind_due()
        self.stdout.write(f"Reminded the owners of {plural(sent, 'task')}.")
