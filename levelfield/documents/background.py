"""A document as PDF, made in the background: WeasyPrint lays out a long document with
its comments in longer than a request may take (README, "Deploying")."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from levelfield.documents import exports
from levelfield.documents.access import document_for_reader
from levelfield.jobs import kinds
from levelfield.jobs.models import Job
from levelfield.lib.pdf import INSTALL, PdfUnavailable

DOCUMENT_PDF = "documents.pdf"
DOCUMENT_HTML = "documents.html"
DOCUMENT_CSV = "documents.csv"


@kinds.register(DOCUMENT_PDF, label=gettext_lazy("Your document as PDF"))
def document_pdf(job: Job, progress: kinds.Progress) -> kinds.Result:
    progress(0, 1, _("Laying out the PDF"))
    # Checked again now: the person may have left the place since they asked.
    document = document_for_reader(job.person, job.params["document"]).document
    try:
        content = exports.document_pdf(document)
    except PdfUnavailable as error:
        raise kinds.JobError(
            _(
                "PDFs cannot be made on this server yet. Ask the people who run Levelfield "
                "to install what they need (%(install)s), then try again."
            )
            % {"install": INSTALL}
        ) from error
    return kinds.Result(
        name=f"{exports.filename(document)}.pdf", content_type="application/pdf", content=content
    )


@kinds.register(DOCUMENT_HTML, label=gettext_lazy("Your document to read offline"))
def document_html(job: Job, progress: kinds.Progress) -> kinds.Result:
    progress(0, 1, _("Putting the document together"))
    document = document_for_reader(job.person, job.params["document"]).document
    return kinds.Result(
        name=f"{exports.filename(document)}.html",
        content_type="text/html; charset=utf-8",
        content=exports.document_html(document).encode("utf-8"),
    )


@kinds.register(DOCUMENT_CSV, label=gettext_lazy("The feedback on your document"))
def document_csv(job: Job, progress: kinds.Progress) -> kinds.Result:
    progress(0, 1, _("Listing the feedback"))
    document = document_for_reader(job.person, job.params["document"]).document
    return kinds.Result(
        name=f"{exports.filename(document)}.csv",
        content_type="text/csv; charset=utf-8",
        content=exports.document_csv(document).encode("utf-8"),
    )
