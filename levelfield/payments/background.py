"""The recognition letter and certificate as background work: WeasyPrint lays out a long
history of involvement in longer than a request may take (README, "Deploying")."""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from levelfield.jobs import kinds
from levelfield.jobs.models import Job
from levelfield.lib.pdf import INSTALL, PdfUnavailable, pdf_from_html
from levelfield.payments.recognition import STYLES, recognition_html

RECOGNITION = "payments.recognition"


@kinds.register(RECOGNITION, label=gettext_lazy("Your recognition letter"))
def recognition_pdf(job: Job, progress: kinds.Progress) -> kinds.Result:
    style = job.params.get("style")
    if style not in STYLES:
        raise kinds.JobError(_("Choose a letter or a certificate, then try again."))
    progress(0, 2, _("Gathering what you took part in"))
    html = recognition_html(job.person, style)
    progress(1, 2, _("Laying out the PDF"))
    try:
        content = pdf_from_html(html, base_url=settings.SITE_URL)
    except PdfUnavailable as error:
        raise kinds.JobError(
            _(
                "PDFs cannot be made on this server yet. Ask the people who run Levelfield "
                "to install what they need (%(install)s), then try again."
            )
            % {"install": INSTALL}
        ) from error
    return kinds.Result(
        name=f"levelfield-{style}.pdf", content_type="application/pdf", content=content
    )
