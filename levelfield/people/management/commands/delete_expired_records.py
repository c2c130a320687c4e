"""Delete what is kept only for a while: sign-in records past SIGN_IN_RECORD_DAYS,
rate-limit counts of ended windows, and the bodies and links of delivered emails that
carried secrets (guests' links to their place, reset links).

`run_periodic` runs it daily; it is idempotent, so running it twice deletes nothing
more.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import BaseCommand

from levelfield.notifications.services import notifications_forget_delivered_secrets
from levelfield.people.security import sign_in_records_prune
from levelfield.ratelimits import rate_limits_prune


class Command(BaseCommand):
    help = "Delete sign-in records, rate-limit counts and sent secrets past their retention."
    every = datetime.timedelta(days=1)  # run by run_periodic (levelfield/periodic/jobs.py)

    def handle(self, *args: Any, **options: Any) -> None:
        gone = sign_in_records_prune()
        gone["rate-limit counts"] = rate_limits_prune()
        gone["emails with secrets"] = notifications_forget_delivered_secrets()
        self.stdout.write(", ".join(f"{what}: {count}" for what, count in gone.items()))
