"""Load a believable demo: one collective, a dozen people, three projects with history,
and every app's part (each declares its `demo` in its manifest, lib/manifests.py).

Safe to run again: each app finds what it made before and only adds what is missing.
Everyone in it is invented.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.db import transaction

from levelfield.lib.manifests import DemoWorld, demo_manifests
from levelfield.people.demo import DEMO_PASSWORD, sign_in_lines


class Command(BaseCommand):
    help = "Load demo data (idempotent): a collective, a dozen people, three projects."

    def handle(self, *args: object, **options: object) -> None:
        with transaction.atomic():
            world = DemoWorld()
            for manifest in demo_manifests():
                manifest.demo(world)
        self.stdout.write(self.style.SUCCESS("Demo data is ready. Sign in with any of these:"))
        for line in sign_in_lines():
            self.stdout.write(line)
        self.stdout.write(f"Password for all demo accounts: {DEMO_PASSWORD}")
