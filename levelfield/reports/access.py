"""Who may reach a report: the one access rule, used by every view.

A project's report is reached by the project's members, a collective's annual report
by the collective's members (`Report.objects.for_member`); a published version by
anyone, through its public page only. Each helper returns the object or raises Http404.
"""

from __future__ import annotations

from django.shortcuts import get_object_or_404

from levelfield.people.models import User
from levelfield.reports.models import Report, ReportVersion


def report_for_member(person: User, pk: int) -> Report:
    return get_object_or_404(
        Report.objects.for_member(person).select_related(
            "place__collective",
            "place__project",
            "signoff_decision",
            "signed_off_version",
            "published_version",
        ),
        pk=pk,
    )


def published_report(pk: int) -> Report:
    """A report with a published version, for anyone (no log-in)."""
    return get_object_or_404(
        Report.objects.published().select_related(
            "place__collective", "place__project", "published_version"
        ),
        pk=pk,
    )


def version_of(report: Report, number: int) -> ReportVersion:
    return get_object_or_404(ReportVersion.objects.filter(report=report), number=number)
