"""Write out the sealed demographics and emails of every survey past its closing day.

Moving a partnership on from the survey stage writes them out at once; this catches a
survey that closed by its date alone. `run_periodic` runs it daily; idempotent.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import BaseCommand

from levelfield.priorities import services


class Command(BaseCommand):
    help = "Write out the sealed demographics and emails of surveys that have closed."
    every = datetime.timedelta(days=1)  # run by run_periodic (levelfield/periodic/jobs.py)

    def handle(self, *args: Any, **options: Any) -> None:
        written = services.survey_extras_write_out_due()
        self.stdout.write(f"Wrote out the demographics and emails of {written} answers.")
