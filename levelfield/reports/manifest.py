"""What the reports app adds to the whole: see levelfield/lib/manifests.py."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy

from levelfield.lib.manifests import (
    AppManifest,
    Erasure,
    NavigationEntry,
    PersonField,
    Term,
    demo_module,
    scale_module,
)
from levelfield.reports import personal

GLOSSARY = (
    Term(
        "GRIPP2",
        gettext_lazy(
            "A checklist researchers use to report public involvement in a paper (Guidance for "
            "Reporting Involvement of Patients and the Public, version 2). Levelfield drafts it "
            "from the record."
        ),
    ),
    Term(
        gettext_lazy("Annual report"),
        gettext_lazy(
            "A collective's yearly account of what it did, who took part and what changed because"
            " of it."
        ),
    ),
)


MANIFEST = AppManifest(
    label="reports",
    glossary=GLOSSARY,
    export=personal.export,
    erase=personal.erase,
    person_fields=(
        PersonField(
            "reports.Report.created_by", "reports_you_started_or_published", Erasure.ANONYMISE
        ),
        PersonField(
            "reports.Report.published_by", "reports_you_started_or_published", Erasure.ANONYMISE
        ),
        PersonField(
            "reports.ReportVersion.made_by", "report_versions_you_made", Erasure.ANONYMISE
        ),
    ),
    demo=demo_module("levelfield.reports.demo"),
    scale=scale_module("levelfield.reports.scale"),
    scale_after=("projects", "decisions", "events", "payments", "tasks", "reflection", "stories"),
    navigation=(
        NavigationEntry(
            gettext_lazy("Annual report: what we achieved, where we could do better"),
            "check",
            lambda place: reverse("reports:collective_list", args=[place.collective.slug]),
            kinds=frozenset({"collective"}),
            order=60,
        ),
        NavigationEntry(
            gettext_lazy("Report our public involvement (GRIPP2)"),
            "check",
            lambda place: reverse("reports:project_list", args=[place.project_id]),
            kinds=frozenset({"project"}),
            hint=gettext_lazy(
                "The standard checklist for reporting public involvement in a paper."
            ),
            order=60,
        ),
    ),
)
