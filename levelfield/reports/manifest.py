"""What the reports app adds to the whole: see levelfield/lib/manifests.py."""

from __future__ import annotations

from levelfield.lib.manifests import AppManifest, Erasure, PersonField, demo_module
from levelfield.reports import personal

MANIFEST = AppManifest(
    label="reports",
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
)
