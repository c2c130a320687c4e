"""Send due event reminders, delete access needs 30 days after events, write out the
feedback of events whose feedback has closed (14 days after), and add the next dates to
repeating series.

`run_periodic` runs it every 10 minutes. Each part is idempotent: running it twice, or
beside another copy, never reminds twice or deletes anything that should stay.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import BaseCommand

from levelfield.events import services


class Command(BaseCommand):
    help = (
        "Send due event reminders, forget old access needs, write out closed feedback and "
        "extend event series."
    )
    every = datetime.timedelta(minutes=10)  # run by run_periodic (levelfield/periodic/jobs.py)

    def handle(self, *args: Any, **options: Any) -> None:
        reminded = services.event_reminders_send_due()
        forgotten = services.access_needs_forget_due()
        written = services.feedback_write_out_due()
        made = services.series_extend_all()
        self.stdout.write(
            f"Sent {reminded} event reminders; deleted the access needs of {forgotten} "
            f"registrations; wrote out the feedback of {written} events; added {made} "
            "dates to series."
        )
