"""Run the Pol.is imports waiting for the background task (idempotent: each runs once).
The periodic `analyse_conversations` does the same every 10 minutes, to catch what a
lost task missed and to run imports where the task backend cannot queue work."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from levelfield.deliberation import polis


class Command(BaseCommand):
    help = "Run the Pol.is imports members uploaded that are waiting to run."

    def handle(self, *args: object, **options: object) -> None:
        count = polis.polis_imports_run_waiting()
        self.stdout.write(f"Ran {count} import{'s' if count != 1 else ''}.")
