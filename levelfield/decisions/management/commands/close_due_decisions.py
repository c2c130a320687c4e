"""Close decisions past their closing time and send the day-before reminders.

Run it from cron (say every 10 minutes) as a safety net beside the task worker:
both are idempotent, so running them together never closes or reminds twice.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from levelfield.decisions import services


class Command(BaseCommand):
    help = "Close decisions whose closing time has passed and send due reminders."

    def handle(self, *args: Any, **options: Any) -> None:
        reminded = services.decisions_remind_due()
        closed = services.decisions_close_due()
        self.stdout.write(f"Closed {closed} decisions; sent {reminded} reminder emails.")
