"""Check resource map links not checked in the last week and flag broken ones.

Run it weekly from cron, or queue `resources.tasks.resources_check_links_task`; it is
idempotent, so an extra run in the same week requests nothing.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from levelfield.resources import services


class Command(BaseCommand):
    help = "Check the resource map's web addresses that are due and flag broken ones."

    def handle(self, *args: Any, **options: Any) -> None:
        counts = services.resources_check_links()
        self.stdout.write(
            f"Checked {counts['working'] + counts['broken']} addresses: "
            f"{counts['working']} working, {counts['broken']} may be broken."
        )
