"""Send the daily and weekly summary emails that are due; safe to run every hour."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from levelfield.notifications import services


class Command(BaseCommand):
    help = (
        "Send the daily and weekly summary emails that are due, and queue again any email "
        "whose delivery was lost. Run it every hour from cron; running it twice sends nothing "
        "twice."
    )

    def handle(self, *args: object, **options: object) -> None:
        summaries = services.notifications_send_summaries()
        requeued = services.notifications_requeue_overdue()
        self.stdout.write(f"Queued {summaries} summaries; queued {requeued} late emails again.")
