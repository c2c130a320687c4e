"""Exports: an accessible HTML page, a tagged PDF (title, language, headings in the
structure tree, checked with pypdf; pages drawn with pdftoppm), and a Word document."""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from levelfield.jobs.testing import prepared
from levelfield.reports import services
from levelfield.reports.models import Report
from levelfield.reports.tests.factories import known_project

pytestmark = pytest.mark.django_db


@pytest.fixture
def report_and_client() -> tuple[Report, Client]:
    known = known_project()
    report = services.report_start(place=known.project, actor=known.member)
    services.report_generate(report=report)
    client = Client()
    client.force_login(known.member)
    return report, client


def _structure_types(node: object, found: set[str]) -> None:
    """Every structure element type (/H1, /Table, ...) under a structure tree node."""
    node = node.get_object() if hasattr(node, "get_object") else node
    if isinstance(node, list):
        for child in node:
            _structure_types(child, found)
        return
    if not hasattr(node, "get"):
        return
    kind = node.get("/S")
    if kind is not None:
        found.add(str(kind))
    kids = node.get("/K")
    if kids is not None:
        _structure_types(kids, found)


def test_the_pdf_is_tagged_with_title_language_and_headings(report_and_client) -> None:
    pypdf = pytest.importorskip("pypdf")
    report, client = report_and_client
    response = prepared(client, reverse("reports:export_pdf", args=[report.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    reader = pypdf.PdfReader(io.BytesIO(response.content))
    assert reader.metadata.title == report.title
    catalog = reader.trailer["/Root"]
    assert str(catalog["/Lang"]).lower() == "en-gb"
    assert catalog["/MarkInfo"]["/Marked"]
    found: set[str] = set()
    _structure_types(catalog["/StructTreeRoot"], found)
    assert {"/H1", "/H2", "/Table"} <= found, found
    text = "".join(page.extract_text() for page in reader.pages)
    assert "Reflections and critical perspective" in text
    assert "11.0 hours" in text


def test_the_pdf_pages_render_without_overflow(report_and_client) -> None:
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm is missing: install Debian's poppler-utils (make pango)")
    from PIL import Image

    report, client = report_and_client
    pdf = prepared(client, reverse("reports:export_pdf", args=[report.pk])).content
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "report.pdf"
        path.write_bytes(pdf)
        subprocess.run(
            ["pdftoppm", "-r", "40", "-png", str(path), str(Path(folder) / "page")],
            check=True,
            timeout=60,
        )
        pages = sorted(Path(folder).glob("page*.png"))
        assert pages
        for page in pages:
            image = Image.open(page).convert("L")
            width, height = image.size
            # Nothing drawn in the right-hand margin (16 mm of 210): text that overflowed
            # its box would be cut off or run into it.
            margin = image.crop((int(width * 0.93), 0, width, height))
            assert margin.getextrema()[0] > 200, f"{page.name} has ink in the right margin"


def test_the_html_and_word_exports_are_one_clean_page(report_and_client) -> None:
    report, client = report_and_client
    html = prepared(client, reverse("reports:export_html", args=[report.pk]))
    page = html.content.decode()
    assert html["Content-Type"].startswith("text/html")
    assert '<html lang="en-gb">' in page and f"<title>{report.title}</title>" in page
    assert page.count("<h1>") == 1 and "From the records" in page
    # The same charts as the page (and the PDF), each with its table of figures.
    assert '<svg role="img"' in page and 'id="hours-by-stage-table"' in page
    # Links to the records carry the site's address, so they work from a file.
    assert f'href="{settings.SITE_URL}/places/' in page
    word = prepared(client, reverse("reports:export_word", args=[report.pk]))
    assert word["Content-Type"] == "application/msword"
    assert word["Content-Disposition"].endswith('.doc"')
    assert word.content.decode().count("<h2") >= 5


def test_an_older_version_can_be_exported(report_and_client) -> None:
    report, client = report_and_client
    services.section_edit(
        report=report, actor=report.created_by, section="aim", text="Second.", based_on=1
    )
    first = prepared(client, reverse("reports:export_html", args=[report.pk]) + "?version=1")
    assert "Second." not in first.content.decode()
    latest = prepared(client, reverse("reports:export_html", args=[report.pk]))
    assert "Second." in latest.content.decode()
    missing = client.get(reverse("reports:export_html", args=[report.pk]) + "?version=9")
    assert missing.status_code == 404
