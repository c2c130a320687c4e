"""Impact as the reports read it (levelfield/reports/figures.py): JSON rows kept in a
report version's snapshot, in one query whatever the number of impacts. Only published
impacts count (a draft is not yet agreed), and no names: what changed, for whom, the
kind of change, and how many outputs and involvement entries it is linked to."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from levelfield.impact.models import ForWhom, Impact, Kind

LIST_LIMIT = 50


def report_impacts(
    *,
    collective_id: int,
    project_id: int | None = None,
    start: datetime.date | None = None,
    end: datetime.date | None = None,
) -> list[dict[str, Any]]:
    """A project's published impacts over its life, or a collective's (and its
    projects' and groups') that happened in the year."""
    impacts = Impact.objects.published().filter(place__collective_id=collective_id)
    if project_id is not None:
        impacts = impacts.filter(place__project_id=project_id)
    if start is not None and end is not None:
        impacts = impacts.filter(happened_on__range=(start, end))
    rows = (
        impacts.annotate(
            outputs_linked=Count("outputs", distinct=True),
            entries_linked=Count("entries", distinct=True),
        )
        .order_by("happened_on", "id")
        .values(
            "id",
            "title",
            "what_changed",
            "for_whom",
            "for_whom_detail",
            "kind",
            "happened_on",
            "evidence",
            "evidence_url",
            "evidence_file",
            "outputs_linked",
            "entries_linked",
        )[:LIST_LIMIT]
    )
    for_whom, kinds = dict(ForWhom.choices), dict(Kind.choices)
    return [
        {
            "title": row["title"],
            "what_changed": row["what_changed"][:500],
            "for_whom": str(for_whom[row["for_whom"]]),
            "for_whom_detail": row["for_whom_detail"],
            "kind": str(kinds[row["kind"]]),
            "on": row["happened_on"].isoformat(),
            "evidenced": bool(row["evidence"] or row["evidence_url"] or row["evidence_file"]),
            "outputs": row["outputs_linked"],
            "entries": row["entries_linked"],
            "link": reverse("impact:detail", args=[row["id"]]),
        }
        for row in rows
    ]


def impact_sentence(row: dict[str, Any]) -> str:
    """One sentence for a report: "Impact for practitioners and services (the clinic
    team), practice or services, 2026: “Title”: what changed. Evidence recorded; linked
    to 1 involvement entry and 2 outputs."."""
    whom = row["for_whom"].lower()
    if row["for_whom_detail"]:
        whom = f"{whom} ({row['for_whom_detail']})"
    links = []
    if row["entries"]:
        links.append(
            ngettext(
                "%(count)s involvement entry", "%(count)s involvement entries", row["entries"]
            )
            % {"count": row["entries"]}
        )
    if row["outputs"]:
        links.append(
            ngettext("%(count)s output", "%(count)s outputs", row["outputs"])
            % {"count": row["outputs"]}
        )
    evidence = _("Evidence recorded") if row["evidenced"] else _("No evidence recorded yet")
    if len(links) == 2:
        evidence = _("%(evidence)s; linked to %(first)s and %(second)s") % {
            "evidence": evidence,
            "first": links[0],
            "second": links[1],
        }
    elif links:
        evidence = _("%(evidence)s; linked to %(link)s") % {
            "evidence": evidence,
            "link": links[0],
        }
    what = row["what_changed"].rstrip(". ")
    return _("Impact for %(whom)s, %(kind)s, %(year)s: “%(title)s”: %(what)s. %(evidence)s.") % {
        "whom": whom,
        "kind": row["kind"].lower(),
        "year": row["on"][:4],
        "title": row["title"],
        "what": what,
        "evidence": evidence,
    }
