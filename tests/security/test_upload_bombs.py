"""Attack: send a bomb through every form that takes a file.

A 306 KB ".docx" whose `mimetype` entry inflates to 300 MB once raised a server process
by 500 MB through the review-request form, which anyone signed in may use. Every form
must refuse each bomb with a plain message on the form, store nothing, answer without
a 500, and keep memory to a few megabytes while it checks.
"""

from __future__ import annotations

import importlib
import re
import tracemalloc
from typing import Any

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from levelfield.lib.tests import bombs
from tests.security.conftest import UPLOAD_FORMS, UploadForm, World

PEAK_LIMIT = 10 * bombs.MIB


def send(world: World, row: UploadForm, name: str, data: bytes) -> tuple[Any, int]:
    """The response to posting `data` as the file, and the peak memory it took."""
    client = Client()
    client.force_login(getattr(world, row.person))
    upload = SimpleUploadedFile(name, data, "application/octet-stream")
    post = {**row.fields(world), row.file_field: upload}
    # Warm up first: the first request imports and compiles templates, which is not
    # what we measure.
    client.get(row.url(world))
    tracemalloc.start()
    try:
        response = client.post(row.url(world), post)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return response, peak


def refused(response: Any, row: UploadForm, world: World) -> str:
    """The page of a refused post, checked to show a form error and to store nothing."""
    assert response.status_code in (200, 400), response.status_code
    page = response.content.decode()
    assert "There is a problem" in page
    assert row.saved(world) == 0
    return page


def field_error(page: str, row: UploadForm) -> str:
    """The error the summary links to the file field (GOV.UK's error summary)."""
    found = re.search(rf'<a href="#id_{row.file_field}">([^<]*)</a>', page)
    assert found, f"no error linked to the {row.file_field} field"
    return found.group(1)


def test_every_upload_form_is_listed() -> None:
    from django import forms

    found = set()
    for config in apps.get_app_configs():
        if not config.name.startswith("levelfield."):
            continue
        try:
            module = importlib.import_module(f"{config.name}.forms")
        except ModuleNotFoundError:
            continue
        for value in vars(module).values():
            if isinstance(value, type) and issubclass(value, forms.BaseForm):
                for field_name, field in getattr(value, "base_fields", {}).items():
                    if isinstance(field, forms.FileField):
                        found.add(f"{config.label}.{value.__name__}.{field_name}")
    assert found == {row.form for row in UPLOAD_FORMS}


ZIP_FORMS = [row for row in UPLOAD_FORMS if "zip" in row.accepts]


@pytest.mark.parametrize("row", ZIP_FORMS, ids=[row.name for row in ZIP_FORMS])
@pytest.mark.parametrize(
    ("name", "bomb"),
    [
        ("plan.docx", lambda: bombs.odt_bomb(300)),
        ("plan.docx", lambda: bombs.docx_bomb(300)),
        ("plan.docx", lambda: bombs.many_entries_zip(6000)),
    ],
    ids=["300 MB mimetype", "300 MB document body", "6,000 entries"],
)
def test_a_zip_bomb_is_refused_by_name_on_every_form_that_takes_office_files(
    world: World, row: UploadForm, name: str, bomb: Any
) -> None:
    response, peak = send(world, row, name, bomb())
    assert "unpacks to far more than its size" in field_error(refused(response, row, world), row)
    assert peak < PEAK_LIMIT, f"{peak / bombs.MIB:.1f} MiB"


def test_a_zip_whose_header_lies_about_its_size_is_refused_without_inflating_it(
    world: World,
) -> None:
    for row in ZIP_FORMS:
        response, peak = send(world, row, "plan.docx", bombs.odt_bomb(100, declared=39))
        refused(response, row, world)
        assert peak < PEAK_LIMIT, f"{row.name}: {peak / bombs.MIB:.1f} MiB"


OTHER_FORMS = [row for row in UPLOAD_FORMS if "zip" not in row.accepts]


@pytest.mark.parametrize("row", OTHER_FORMS, ids=[row.name for row in OTHER_FORMS])
def test_forms_that_take_no_archives_refuse_a_bomb_as_the_wrong_kind_of_file(
    world: World, row: UploadForm
) -> None:
    response, peak = send(world, row, "receipt.docx", bombs.odt_bomb(300))
    refused(response, row, world)
    assert peak < PEAK_LIMIT, f"{peak / bombs.MIB:.1f} MiB"


def test_real_office_documents_still_pass(world: World) -> None:
    for row in ZIP_FORMS:
        for data in (bombs.small_docx(), bombs.small_odt()):
            response, _ = send(world, row, "plan.docx", data)
            if row.name == "review request" and data == bombs.small_odt():
                assert "must be a PDF or Word" in response.content.decode()
            elif row.name == "interview transcript":
                # A transcript is read for its text: these two hold none (the docx's XML
                # is not even well formed), and the uploader is told so, nothing kept.
                assert "We could not" in refused(response, row, world)
            else:
                assert response.status_code == 302, response.content.decode()[:2000]


IMAGE_FORMS = [row for row in UPLOAD_FORMS if "image" in row.accepts]
IMAGE_BOMBS = [
    ("huge.png", lambda: bombs.png_header(100_000, 100_000)),
    ("huge.jpg", lambda: bombs.jpeg_header(65_000, 65_000)),
    # Under Pillow's own limit (89 megapixels) but over ours (40).
    ("wide.png", lambda: bombs.png_header(9_000, 9_000)),
    ("tall.jpg", lambda: bombs.jpeg_header(50, 60_000)),
]


@pytest.mark.parametrize("row", IMAGE_FORMS, ids=[row.name for row in IMAGE_FORMS])
@pytest.mark.parametrize(("name", "bomb"), IMAGE_BOMBS, ids=[name for name, _ in IMAGE_BOMBS])
def test_a_picture_declaring_huge_dimensions_is_refused_as_too_large(
    world: World, row: UploadForm, name: str, bomb: Any
) -> None:
    response, peak = send(world, row, name, bomb())
    message = field_error(refused(response, row, world), row)
    assert "is too large: it must be at most 10,000 pixels" in message
    assert peak < PEAK_LIMIT, f"{peak / bombs.MIB:.1f} MiB"


def _photo(kind: str) -> bytes:
    from io import BytesIO

    from PIL import Image

    out = BytesIO()
    Image.effect_noise((400, 300), 60).convert("RGB").save(out, kind)
    return out.getvalue()


# Resource files, meeting files, evidence of impact and hand-ins are stored as sent,
# like PDFs (only a picture's declared size is checked: the one check,
# resources/files.py); receipts and story pictures are decoded, so a cut file is refused.
STORED_AS_SENT = (
    "resource suggestion",
    "meeting file",
    "evidence of impact",
    "hand-in of a course assignment",
)
DECODED_FORMS = [row for row in IMAGE_FORMS if row.name not in STORED_AS_SENT]


@pytest.mark.parametrize("row", DECODED_FORMS, ids=[row.name for row in DECODED_FORMS])
@pytest.mark.parametrize("kind", ["PNG", "JPEG"])
def test_a_truncated_picture_is_refused_as_damaged(
    world: World, row: UploadForm, kind: str
) -> None:
    response, _ = send(world, row, f"cut.{kind.lower()}", bombs.truncated(_photo(kind)))
    assert "It may be damaged" in field_error(refused(response, row, world), row)


@pytest.mark.parametrize("row", IMAGE_FORMS, ids=[row.name for row in IMAGE_FORMS])
def test_a_real_photo_still_passes(world: World, row: UploadForm) -> None:
    response, _ = send(world, row, "photo.jpg", _photo("JPEG"))
    assert response.status_code == 302, response.content.decode()[:3000]
