"""Delete original transcripts whose "delete the original on" date has come.

`run_periodic` runs it daily; running it again deletes nothing more.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from levelfield.analysis import services
from levelfield.lib.words import plural


class Command(BaseCommand):
    help = "Delete original transcripts whose deletion date has come."
    every = datetime.timedelta(days=1)  # run by run_periodic (levelfield/periodic/jobs.py)

    def handle(self, *args: Any, **options: Any) -> None:
        count = services.originals_delete_due(today=timezone.localdate())
        self.stdout.write(f"Deleted the originals of {plural(count, 'source')}.")
