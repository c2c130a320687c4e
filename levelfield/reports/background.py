"""A report version as a tagged PDF, made in the background: WeasyPrint lays out a long
annual report in longer than a request may take (README, "Deploying")."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from levelfield.jobs import kinds
from levelfield.jobs.models import Job
from levelfield.lib.pdf import INSTALL, PdfUnavailable
from levelfield.reports import access, exports
from levelfield.reports.display import report_view

REPORT_PDF = "reports.pdf"
REPORT_HTML = "reports.html"
REPORT_WORD = "reports.word"


@kinds.register(REPORT_PDF, label=gettext_lazy("Your report as PDF"))
def report_pdf(job: Job, progress: kinds.Progress) -> kinds.Result:
    progress(0, 2, _("Gathering the report’s figures"))
    # Checked again now: the person may have left the place since they asked.
    report = access.report_for_member(job.person, job.params["report"])
    view = report_view(report, access.version_of(report, job.params["version"]))
    progress(1, 2, _("Laying out the PDF"))
    try:
        content = exports.report_pdf(view, base_url=settings.SITE_URL)
    except PdfUnavailable as error:
        raise kinds.JobError(
            _(
                "PDFs cannot be made on this server yet. Ask the people who run Levelfield "
                "to install what they need (%(install)s), then try again."
            )
            % {"install": INSTALL}
        ) from error
    return kinds.Result(
        name=f"{exports.filename(view)}.pdf", content_type="application/pdf", content=content
    )


@kinds.register(REPORT_HTML, label=gettext_lazy("Your report as a web page"))
def report_html(job: Job, progress: kinds.Progress) -> kinds.Result:
    return _document(job, progress, exports.report_html, "text/html; charset=utf-8", "html")


@kinds.register(REPORT_WORD, label=gettext_lazy("Your report for Word"))
def report_word(job: Job, progress: kinds.Progress) -> kinds.Result:
    return _document(job, progress, exports.report_word, "application/msword", "doc")


def _document(
    job: Job, progress: kinds.Progress, make: Any, content_type: str, extension: str
) -> kinds.Result:
    """A version as one page of HTML (a web page, or one Word opens): links to the
    records carry the site's address, so they work from the file."""
    progress(0, 1, _("Gathering the report’s figures"))
    report = access.report_for_member(job.person, job.params["report"])
    view = report_view(report, access.version_of(report, job.params["version"]))
    content = make(view, base_url=settings.SITE_URL + "/")
    return kinds.Result(
        name=f"{exports.filename(view)}.{extension}",
        content_type=content_type,
        content=content.encode("utf-8") if isinstance(content, str) else content,
    )
