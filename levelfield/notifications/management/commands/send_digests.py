"""Send the daily and weekly summary emails that are due; `run_periodic` runs it hourly."""

from __future__ import annotations

import datetime

from django.core.management.base import BaseCommand

from levelfield.notifications import services


class Command(BaseCommand):
    help = (
        "Send the daily and weekly summary emails that are due, and queue again any email "
        "whose delivery was lost. run_periodic runs it hourly; running it twice sends nothing "
        "twice."
    )
    every = datetime.timedelta(hours=1)  # run by run_periodic (levelfield/periodic/jobs.py)

    def handle(self, *args: object, **options: object) -> None:
        summaries = services.notifications_send_summaries()
        requeued = services.notifications_requeue_overdue()
        self.stdout.write(f"Queued {summaries} summaries; queued {requeued} late emails again.")
