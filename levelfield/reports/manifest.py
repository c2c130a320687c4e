"""What the reports app adds to the whole: see levelfield/lib/manifests.py."""

from __future__ import annotations

from levelfield.lib.manifests import AppManifest, demo_module

MANIFEST = AppManifest(
    label="reports",
    person_fields=(
        "reports.Report.created_by",
        "reports.Report.published_by",
        "reports.ReportVersion.made_by",
    ),
    demo=demo_module("levelfield.reports.demo"),
    demo_after=(
        "decisions",
        "events",
        "payments",
        "reviews",
        "reflection",
        "deliberation",
        "documents",
        "stories",
    ),
)
