"""Outputs as the reports read them (levelfield/reports/figures.py): JSON rows kept in a
report version's snapshot, in one query whatever the number of outputs, with no names:
GRIPP2 asks how involvement shaped outputs, so each row says how many of the people
credited brought a lived experience, carer or young person's perspective."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from levelfield.outputs.models import Output
from levelfield.people.models import PerspectiveKind

LIST_LIMIT = 50


def report_outputs(
    *,
    collective_id: int,
    project_id: int | None = None,
    start: datetime.date | None = None,
    end: datetime.date | None = None,
) -> list[dict[str, Any]]:
    """A project's outputs over its life, or a collective's (and its projects' and
    groups') dated in the year."""
    outputs = Output.objects.filter(place__collective_id=collective_id)
    if project_id is not None:
        outputs = outputs.filter(place__project_id=project_id)
    if start is not None and end is not None:
        outputs = outputs.filter(date__range=(start, end))
    rows = (
        outputs.annotate(
            credited=Count("contributors", distinct=True),
            public=Count(
                "contributors",
                filter=Q(contributors__perspective__in=PerspectiveKind.public_kinds()),
                distinct=True,
            ),
        )
        .order_by("date", "id")
        .values("id", "kind", "title", "date", "venue", "credited", "public")[:LIST_LIMIT]
    )
    kinds = dict(Output._meta.get_field("kind").flatchoices)
    return [
        {
            "title": row["title"],
            "kind": str(kinds[row["kind"]]),
            "venue": row["venue"],
            "on": row["date"].isoformat(),
            "credited": row["credited"],
            "public_contributors": row["public"],
            "link": reverse("outputs:detail", args=[row["id"]]),
        }
        for row in rows
    ]


def output_sentence(row: dict[str, Any]) -> str:
    """One sentence for a report: "Paper: “Title” (Journal, 2026), 2 of its 5
    contributors public contributors."."""
    where = f"{row['venue']}, " if row["venue"] else ""
    public = row["public_contributors"]
    who = (
        ngettext(
            "%(public)s of its %(count)s contributor public contributors",
            "%(public)s of its %(count)s contributors public contributors",
            row["credited"],
        )
        if public
        else ngettext(
            "%(count)s contributor, none recorded as public contributors",
            "%(count)s contributors, none recorded as public contributors",
            row["credited"],
        )
    ) % {"public": public, "count": row["credited"]}
    return _("%(kind)s: “%(title)s” (%(where)s%(year)s), %(who)s.") % {
        "kind": row["kind"],
        "title": row["title"],
        "where": where,
        "year": row["on"][:4],
        "who": who,
    }
