"""Delete the claims kept as tax records after their claimant deleted their account, once
six years have passed since the end of the tax year they were paid in (README, Privacy).

Run it from cron daily. Idempotent: running it twice deletes nothing more.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from levelfield.payments.personal import claims_delete_expired


class Command(BaseCommand):
    help = "Delete payment records kept for people who deleted their accounts, when due."
    every = datetime.timedelta(days=1)  # run by run_periodic (levelfield/periodic/jobs.py)

    def handle(self, *args: Any, **options: Any) -> None:
        deleted = claims_delete_expired(today=timezone.localdate())
        self.stdout.write(f"Deleted {deleted} payment records kept past their time.")
