"""Analyse every conversation whose analysis is due (idempotent; the background task
does the same one conversation at a time). Useful where the task worker does not run."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from levelfield.deliberation import services
from levelfield.deliberation.models import Conversation


class Command(BaseCommand):
    help = "Recompute the opinion groups of conversations with new reactions."

    def add_arguments(self, parser: object) -> None:
        parser.add_argument("--all", action="store_true", help="Analyse every conversation.")

    def handle(self, *args: object, **options: object) -> None:
        if options["all"]:
            conversations = list(Conversation.objects.all())
            for conversation in conversations:
                services.analysis_run(conversation=conversation)
            count = len(conversations)
        else:
            count = services.conversations_analyse_due()
        self.stdout.write(f"Analysed {count} conversation{'s' if count != 1 else ''}.")
