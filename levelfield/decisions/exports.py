"""The decision log as a spreadsheet: one row per decision, as the log shows it."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import datetime

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from levelfield.decisions.forms import LogFilterForm
from levelfield.decisions.models import Decision, Method
from levelfield.lib.spreadsheets import CsvWriter
from levelfield.places.models import Place, PlaceKind

HEADINGS = [
    "Title",
    "Method",
    "Status",
    "Voting opens",
    "Voting closes",
    "Closed",
    "Responses",
    "Anonymous",
    "Enough voices heard",
    "What we decided",
    "Why",
    "Next steps",
    "Review date",
    "Link",
]


def log_filename(place: Place) -> str:
    name = place.collective.slug if place.kind == PlaceKind.COLLECTIVE else f"place-{place.pk}"
    return f"decisions-{name}.csv"


def log_csv(
    *,
    place: Place,
    filters: dict[str, str],
    now: datetime,
    progress: Callable[[int, int], None] | None = None,
) -> bytes:
    """The place's decisions filtered as the log's form filters them (the same GET
    fields), newest first, with links to each on the site."""
    form = LogFilterForm(filters or None)
    in_place = Decision.objects.in_place(place)
    decisions = form.filter(in_place, now) if form.is_bound else in_place
    decisions = (
        decisions.with_response_counts().select_related("outcome").order_by("-opens_at", "-id")
    )
    total = decisions.count()
    out = io.StringIO()
    writer = CsvWriter(out)
    writer.writerow(HEADINGS)
    site = settings.SITE_URL.rstrip("/")
    for done, decision in enumerate(decisions.iterator(chunk_size=500), start=1):
        outcome = getattr(decision, "outcome", None)
        writer.writerow(
            [
                decision.title,
                Method(decision.method).label,
                decision.phase_label(now),
                _iso(decision.opens_at),
                _iso(decision.closes_at),
                _iso(decision.closed_at),
                decision.response_count,
                "yes" if decision.anonymous else "no",
                {True: "yes", False: "no", None: ""}[decision.voices_heard],
                outcome.statement if outcome else "",
                outcome.reasons if outcome else "",
                outcome.next_steps if outcome else "",
                outcome.review_on.isoformat() if outcome and outcome.review_on else "",
                site + reverse("decisions:detail", args=[decision.pk]),
            ]
        )
        if progress and done % 500 == 0:
            progress(done, total)
    return out.getvalue().encode("utf-8")


def _iso(moment: datetime | None) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else ""
