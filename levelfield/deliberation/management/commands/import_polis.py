"""Import a Pol.is export (votes.csv or participants-votes.csv, with comments.csv) into a
conversation, all or nothing: any bad line is named and nothing is written."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from levelfield.deliberation import polis
from levelfield.deliberation.models import Conversation


class Command(BaseCommand):
    help = "Import Pol.is votes.csv (or participants-votes.csv) and comments.csv."

    def add_arguments(self, parser: object) -> None:
        parser.add_argument("conversation", type=int, help="The conversation's number (id).")
        parser.add_argument("votes", type=Path, help="votes.csv or participants-votes.csv")
        parser.add_argument("comments", type=Path)

    def handle(self, *args: object, **options: object) -> None:
        conversation = Conversation.objects.filter(pk=options["conversation"]).first()
        if conversation is None:
            raise CommandError(f"No conversation {options['conversation']}.")
        texts = {}
        for name, header in (("votes", polis.VOTES_HEADER), ("comments", polis.COMMENTS_HEADER)):
            try:
                raw = options[name].read_bytes()
            except OSError as error:
                raise CommandError(f"Cannot read {options[name]}: {error}") from None
            problem = polis.csv_header_problem(raw, f"{name}.csv", header)
            if problem:
                raise CommandError(f"Nothing imported: {problem}")
            try:
                texts[name] = raw.decode("utf-8-sig")
            except UnicodeDecodeError:
                raise CommandError(f"Nothing imported: {name}.csv is not UTF-8 text.") from None
        try:
            done = polis.polis_import(
                conversation=conversation,
                actor=None,
                votes_csv=texts["votes"],
                comments_csv=texts["comments"],
            )
        except polis.ImportProblem as problem:
            raise CommandError("Nothing imported:\n" + "\n".join(problem.problems)) from None
        self.stdout.write(
            f"Imported {done.statements} statements and {done.reactions} reactions "
            f"from {done.participants} people into “{conversation.title}”."
        )
        for note in done.notes:
            self.stdout.write(note)
