"""Analyse every conversation whose analysis is due (idempotent; the background task
does the same one conversation at a time); `run_periodic` runs it every 10 minutes, to
catch what a lost task missed. It first runs any Pol.is import still waiting (see
polis.polis_import_request), for the same reason."""

from __future__ import annotations

import datetime

from django.core.management.base import BaseCommand

from levelfield.deliberation import polis, services
from levelfield.deliberation.models import Conversation


class Command(BaseCommand):
    help = "Recompute the opinion groups of conversations with new reactions."
    every = datetime.timedelta(minutes=10)  # run by run_periodic (levelfield/periodic/jobs.py)

    def add_arguments(self, parser: object) -> None:
        parser.add_argument("--all", action="store_true", help="Analyse every conversation.")

    def handle(self, *args: object, **options: object) -> None:
        imported = polis.polis_imports_run_waiting()
        if imported:
            self.stdout.write(f"Ran {imported} waiting import{'s' if imported != 1 else ''}.")
        if options["all"]:
            conversations = list(Conversation.objects.all())
            for conversation in conversations:
                services.analysis_run(conversation=conversation)
            count = len(conversations)
        else:
            count = services.conversations_analyse_due()
        self.stdout.write(f"Analysed {count} conversation{'s' if count != 1 else ''}.")
