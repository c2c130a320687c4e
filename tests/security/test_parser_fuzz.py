"""Fuzzing: every parser of uploaded or imported files, fed bytes it was never meant to
see, either accepts them or refuses them with its own plain error, never another
exception (which a view would turn into a 500).

Each parser is called directly (no database, no request) for a bounded number of
examples, derandomised so a failure repeats; the whole file runs in a few seconds.
Hypothesis mutates real files as well as inventing bytes, so the parsers are reached
past their first-bytes checks.
"""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from levelfield.deliberation import polis
from levelfield.learning import text
from levelfield.lib import archives, images
from levelfield.lib.tests import bombs
from levelfield.payments import receipts
from levelfield.resources import files
from levelfield.stories import images as story_images

FUZZ = settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)


def _png() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (8, 6), (200, 80, 40)).save(out, "PNG")
    return out.getvalue()


def _jpeg() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (8, 6), (200, 80, 40)).save(out, "JPEG")
    return out.getvalue()


SEEDS = [
    bombs.small_docx(),
    bombs.small_odt(),
    _png(),
    _jpeg(),
    bombs.png_header(20_000, 20_000),
    bombs.webp_header(100, 100),
    b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n",
]


@st.composite
def mutated_files(draw: st.DrawFn) -> bytes:
    """A real file with some bytes overwritten, cut short or extended; or any bytes."""
    if draw(st.booleans()):
        return draw(st.binary(max_size=2048))
    data = bytearray(draw(st.sampled_from(SEEDS)))
    for _ in range(draw(st.integers(0, 8))):
        at = draw(st.integers(0, len(data) - 1))
        data[at] = draw(st.integers(0, 255))
    cut = draw(st.integers(1, len(data)))
    return bytes(data[:cut]) + draw(st.binary(max_size=64))


@FUZZ
@given(mutated_files())
def test_the_archive_reader_accepts_or_refuses_with_archive_error(data: bytes) -> None:
    try:
        with archives.open_archive(io.BytesIO(data)) as archive:
            for name in archive.namelist()[:5]:
                archives.read_entry(archive, name, limit=10_000)
    except archives.ArchiveError:
        pass


@FUZZ
@given(mutated_files())
def test_the_picture_opener_accepts_or_refuses_with_image_problem(data: bytes) -> None:
    try:
        with images.open_image(data, formats=("PNG", "JPEG", "WEBP")) as image:
            image.load()
    except images.ImageProblem:
        pass


@pytest.mark.parametrize(
    "check",
    [files.file_type_of, receipts.receipt_check, story_images.image_prepare],
    ids=["resource and review files", "receipts", "story pictures"],
)
@FUZZ
@given(data=mutated_files())
def test_every_upload_check_accepts_or_refuses_with_a_validation_error(
    check: object, data: bytes
) -> None:
    try:
        check(SimpleUploadedFile("upload.bin", data))  # type: ignore[operator]
    except ValidationError as error:
        assert error.messages and all(message.strip() for message in error.messages)


CSV_CELLS = st.one_of(
    st.text(max_size=30),
    st.integers().map(str),
    st.sampled_from(["1700000000000", "-1", "0", "1", "9" * 40, '"', "\x00", "1e9", " 7 "]),
)


@st.composite
def polis_files(draw: st.DrawFn, header: list[str]) -> str:
    rows = draw(st.lists(st.lists(CSV_CELLS, max_size=9), max_size=5))
    lines = [",".join(header)] + [",".join(row) for row in rows]
    separator = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    return separator.join(lines)


@settings(FUZZ, max_examples=30)
@given(
    comments=polis_files(polis.COMMENTS_HEADER),
    votes=polis_files(polis.VOTES_HEADER),
    raw=st.binary(max_size=512),
)
def test_the_polis_parsers_report_problems_and_never_raise(
    comments: str, votes: str, raw: bytes
) -> None:
    problems: list[str] = []
    read = polis._read_comments(comments, None, problems)  # type: ignore[arg-type]
    polis._read_votes(votes, read, problems)
    assert all(len(problem) < 400 for problem in problems)
    polis.csv_header_problem(raw, "votes.csv", polis.VOTES_HEADER)
    polis.csv_header_problem(comments.encode(), "comments.csv", polis.COMMENTS_HEADER)


@FUZZ
@given(
    st.text(alphabet=st.sampled_from("/\\\t\n .:@%&#;x5Cevil"), max_size=20).map(
        lambda tail: "/" + tail
    )
)
def test_no_course_image_source_reaching_another_host_passes(src: str) -> None:
    """A browser turns backslashes into slashes and drops tabs and newlines: whatever is
    left must not start with two slashes if the source is accepted."""
    if not text._is_local(src):
        return
    browser_view = src.replace("\\", "/").replace("\t", "").replace("\n", "")
    assert not browser_view.startswith("//")
