"""The reports app's part of a person's data download and erasure (see manifest.py)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from levelfield.lib.manifests import ErasureContext, export_rows
from levelfield.reports.models import Report, ReportVersion


def export(person: Any) -> dict[str, list[dict]]:
    return {
        "reports_you_started_or_published": export_rows(
            Report.objects.filter(Q(created_by=person) | Q(published_by=person)),
            report="title",
            created="created_at",
            published="published_at",
        ),
        "report_versions_you_made": export_rows(
            ReportVersion.objects.filter(made_by=person),
            report="report__title",
            changed_section="changed_section",
            note="note",
        ),
    }


def erase(context: ErasureContext) -> None:
    """Reports count people, never name them; their text keeps no name of the person's."""
    reports = Report.objects.filter(context.places("place__project", "place__collective"))
    context.forget(reports, ["title"])
    context.forget(ReportVersion.objects.filter(report__in=reports))
