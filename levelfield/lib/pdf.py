"""PDFs from HTML through WeasyPrint, and a plain page when it cannot run here.

WeasyPrint needs Debian's pango (`libpango-1.0-0 libpangoft2-1.0-0`), which someone
trying Levelfield without root may not have. So it is imported only when a PDF is made
(about 0.5 s, and never at start-up): `make run` works without pango, and a PDF download
answers with a page saying what to install (503) instead of a server error.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

logger = logging.getLogger(__name__)

INSTALL = "sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0"


class PdfUnavailable(Exception):
    """WeasyPrint or the libraries it loads (pango) are missing on this server."""


def pdf_from_html(html: str, *, base_url: str | None = None, **options: Any) -> bytes:
    """The PDF of `html`; `options` go to WeasyPrint's `write_pdf` (e.g. `pdf_variant`)."""
    try:
        import weasyprint
    except (ImportError, OSError) as error:  # OSError: cffi could not load pango
        logger.warning(
            "PDFs unavailable: WeasyPrint cannot load (%s). Install: %s", error, INSTALL
        )
        raise PdfUnavailable(f"WeasyPrint cannot load ({error}); install: {INSTALL}") from error
    return weasyprint.HTML(string=html, base_url=base_url).write_pdf(**options)


def pdf_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """For a view that sends a PDF: without WeasyPrint's libraries, a 503 page in plain
    English saying what to install, instead of a server error."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except PdfUnavailable:
            return render(request, "pdf_unavailable.html", {"install": INSTALL}, status=503)

    return wrapped
