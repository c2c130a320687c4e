"""Without pango a PDF download says what to install; with it, it is a PDF."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator

import cffi
import pytest
from django.test import Client
from django.urls import reverse

from levelfield.lib.pdf import PdfUnavailable, pdf_from_html
from levelfield.people.tests.factories import UserFactory


@pytest.fixture
def without_pango(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """As on a machine without Debian's pango: WeasyPrint's import fails where cffi loads
    the shared libraries (an OSError), exactly as it does there."""

    def missing(self: cffi.FFI, name: str, *args: object) -> None:
        raise OSError(f"cannot load library '{name}': {name}: cannot open shared object file")

    for module in [m for m in sys.modules if m == "weasyprint" or m.startswith("weasyprint.")]:
        monkeypatch.delitem(sys.modules, module)
    monkeypatch.setattr(cffi.FFI, "dlopen", missing)
    yield


def test_a_pdf_is_made_when_pango_is_installed() -> None:
    assert pdf_from_html("<p>Thank you</p>").startswith(b"%PDF")


@pytest.mark.usefixtures("without_pango")
def test_without_pango_making_a_pdf_raises_a_clear_error() -> None:
    with pytest.raises(PdfUnavailable, match="libpango"):
        pdf_from_html("<p>Thank you</p>")


@pytest.mark.django_db
@pytest.mark.usefixtures("without_pango")
def test_without_pango_a_recognition_letter_says_what_to_install(client: Client) -> None:
    from levelfield.jobs.testing import prepared

    client.force_login(UserFactory())
    # Made in the background: the job's page says what went wrong and what to install.
    page = prepared(client, reverse("payments:recognition")).content.decode()
    assert "PDFs cannot be made on this server yet" in page
    assert "sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0" in page


def test_the_site_starts_without_importing_weasyprint() -> None:
    # `make run` must not need pango: nothing imports WeasyPrint until a PDF is made.
    code = (
        "import os, sys, django; os.environ['DEBUG'] = 'true'; "
        "os.environ['DJANGO_SETTINGS_MODULE'] = 'levelfield.settings'; django.setup(); "
        "import levelfield.urls; "
        "from django.core.management import call_command; call_command('check'); "
        "print('weasyprint' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120
    )
    assert result.stdout.strip().splitlines()[-1] == "False", result.stderr
