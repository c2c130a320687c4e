"""Report how well the grouping suggestions find duplicate questions in the labelled set."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandParser

from levelfield.priorities.labelled import evaluate
from levelfield.priorities.similarity import THRESHOLD


class Command(BaseCommand):
    help = "Precision and recall of the duplicate-question suggestions on the labelled set."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--threshold", type=float, default=THRESHOLD)

    def handle(self, *args: object, threshold: float, **options: object) -> None:
        precision, recall, suggested, truth = evaluate(threshold)
        self.stdout.write(
            f"threshold {threshold}: {suggested} pairs suggested, {truth} true duplicate "
            f"pairs; precision {precision:.2f}, recall {recall:.2f}"
        )
