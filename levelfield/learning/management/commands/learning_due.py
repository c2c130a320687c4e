"""Cohorts' due work: remind participants of assignments due soon (once per assignment
and date, as tasks' reminders are) and write out evaluations that have closed.

`run_periodic` runs it hourly; running it again changes nothing.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import BaseCommand

from levelfield.learning import services
from levelfield.lib.words import plural


class Command(BaseCommand):
    help = "Remind participants of assignments due soon; write out closed cohort evaluations."
    every = datetime.timedelta(hours=1)  # run by run_periodic (levelfield/periodic/jobs.py)

    def handle(self, *args: Any, **options: Any) -> None:
        reminded = services.assignments_remind_due()
        written = services.cohort_evaluations_write_out_due()
        self.stdout.write(
            f"Reminded {plural(reminded, 'participant')}; "
            f"wrote out {plural(written, 'cohort evaluation')}."
        )
