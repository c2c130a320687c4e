"""Work every decision's kept counts out afresh from its responses.

The counts are kept exact as responses arrive, so this is for operators after
something outside the services changed responses (a restore, a bulk import), and for
checking: `--check` changes nothing and exits non-zero if any kept count is wrong.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from levelfield.decisions import services
from levelfield.decisions.models import Decision


class Command(BaseCommand):
    help = "Rebuild (or with --check, verify) every decision's kept response counts."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--check", action="store_true", help="Only compare; change nothing.")
        parser.add_argument("--decision", type=int, action="append", help="Only this decision.")

    def handle(self, *args: Any, **options: Any) -> None:
        decisions = Decision.objects.all()
        if options["decision"]:
            decisions = decisions.filter(pk__in=options["decision"])
        if options["check"]:
            wrong = services.tallies_wrong(decisions=decisions)
            if wrong:
                raise CommandError(f"Kept counts differ from a fresh tally for {wrong}.")
            self.stdout.write("Every kept count matches a fresh tally.")
            return
        rebuilt = services.tallies_rebuild(decisions=decisions)
        self.stdout.write(f"Rebuilt the counts of {rebuilt} decisions.")
