"""A report version to take away: a standalone accessible HTML page, a tagged PDF
(WeasyPrint, PDF/UA-1: title, language, headings and tables in the structure tree),
and a document for word processors.

The Word document is the same clean HTML served as `.doc` (application/msword): Word,
LibreOffice and Google Docs open it with its headings (so the navigation pane works),
lists, links and tables intact, and it needs no new dependency. python-docx would make
a real .docx but needs lxml (not installed here) and a second rendering of every
section and table, which would drift from the HTML and PDF.
"""

from __future__ import annotations

import re

from django.template.loader import render_to_string
from django.utils import timezone

from levelfield.lib.pdf import pdf_from_html
from levelfield.reports.display import ReportView

# Links to the records are kept in every format; in the standalone files they need the
# site's address, which the view passes as `base_url`.


def filename(view: ReportView) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", view.report.title.lower()).strip("-")[:60]
    return f"{slug or 'report'}-v{view.version.number}"


def report_html(view: ReportView, *, base_url: str = "", for_print: bool = False) -> str:
    return render_to_string(
        "reports/export.html",
        {
            "view": view,
            "report": view.report,
            "base_url": base_url.rstrip("/"),
            "for_print": for_print,
            "made_at": timezone.now(),
        },
    )


def report_pdf(view: ReportView, *, base_url: str = "") -> bytes:
    html = report_html(view, base_url=base_url, for_print=True)
    return pdf_from_html(html, base_url=base_url or None, pdf_variant="pdf/ua-1", pdf_tags=True)


def report_word(view: ReportView, *, base_url: str = "") -> bytes:
    return report_html(view, base_url=base_url).encode("utf-8")
