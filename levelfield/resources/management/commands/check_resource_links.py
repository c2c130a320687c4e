"""Check resource map links not checked in the last week and flag broken ones.

`run_periodic` runs it weekly; it is idempotent, so an extra run in the same week
requests nothing.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import BaseCommand

from levelfield.resources import services


class Command(BaseCommand):
    help = "Check the resource map's web addresses that are due and flag broken ones."
    every = datetime.timedelta(days=7)  # run by run_periodic (levelfield/periodic/jobs.py)

    def handle(self, *args: Any, **options: Any) -> None:
        counts = services.resources_check_links()
        self.stdout.write(
            f"Checked {counts['working'] + counts['broken']} addresses: "
            f"{counts['working']} working, {counts['broken']} may be broken."
        )
