"""Send the reviews reminders that are due: to reviewers whose deadline is near, and
to researchers who have not reported back by their group's set time.

`run_periodic` runs it daily; each reminder goes once, however often it runs.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import BaseCommand

from levelfield.lib.words import plural
from levelfield.reviews import services


class Command(BaseCommand):
    help = "Remind reviewers of near deadlines and researchers to report back (once each)."
    every = datetime.timedelta(days=1)  # run by run_periodic (levelfield/periodic/jobs.py)

    def handle(self, *args: Any, **options: Any) -> None:
        reviewers = services.reviews_remind_deadline()
        researchers = services.reviews_remind_report_back()
        self.stdout.write(
            f"Reminded {plural(reviewers, 'reviewer')} of a deadline and "
            f"{plural(researchers, 'researcher')} to report back."
        )
