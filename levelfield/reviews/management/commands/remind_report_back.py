"""Remind researchers who have not reported back by their review group's set time.

Run it daily from cron, or queue `reviews.tasks.reviews_remind_report_back_task`; each
researcher is reminded once per request, however often it runs.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from levelfield.lib.words import plural
from levelfield.reviews import services


class Command(BaseCommand):
    help = "Remind researchers who have not reported back on a review group's response."

    def handle(self, *args: Any, **options: Any) -> None:
        sent = services.reviews_remind_report_back()
        self.stdout.write(f"Reminded {plural(sent, 'researcher')} to report back.")
