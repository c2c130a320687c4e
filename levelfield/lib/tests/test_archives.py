"""Zip archives are opened with every size bounded: bombs are refused before they inflate
and memory stays small whatever the headers say."""

from __future__ import annotations

import io
import tracemalloc

import pytest

from levelfield.lib import archives
from levelfield.lib.tests import bombs


def _names(data: bytes) -> list[str]:
    with archives.open_archive(io.BytesIO(data)) as archive:
        return archive.namelist()


def test_a_real_document_opens_and_its_small_entry_is_read() -> None:
    with archives.open_archive(io.BytesIO(bombs.small_odt())) as archive:
        assert archives.read_entry(archive, "mimetype", limit=200) == (
            b"application/vnd.oasis.opendocument.text"
        )
    assert "word/document.xml" in _names(bombs.small_docx())


@pytest.mark.parametrize(
    "data",
    [bombs.odt_bomb(300), bombs.docx_bomb(300), bombs.many_entries_zip(archives.MAX_ENTRIES + 1)],
    ids=["300 MB mimetype", "300 MB document body", "too many entries"],
)
def test_a_bomb_is_refused_without_inflating_it(data: bytes) -> None:
    tracemalloc.start()
    try:
        with pytest.raises(archives.ArchiveError) as refused:
            _names(data)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert refused.value.bomb
    assert peak < 8 * bombs.MIB


def test_an_entry_whose_header_lies_about_its_size_is_read_only_up_to_the_limit() -> None:
    lying = bombs.odt_bomb(50, declared=39)
    tracemalloc.start()
    try:
        with (
            pytest.raises(archives.ArchiveError),
            archives.open_archive(io.BytesIO(lying)) as archive,
        ):
            archives.read_entry(archive, "mimetype", limit=200)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 2 * bombs.MIB


def test_read_entry_refuses_an_entry_declared_larger_than_its_limit() -> None:
    archive_bytes = bombs.build_zip([bombs.plain("big", b"x" * 5000)])
    with (
        pytest.raises(archives.ArchiveError, match="too big"),
        archives.open_archive(io.BytesIO(archive_bytes)) as archive,
    ):
        archives.read_entry(archive, "big", limit=1000)


def test_a_central_directory_too_large_to_parse_is_refused_before_zipfile_reads_it() -> None:
    data = bombs.many_entries_zip(20_000)
    with pytest.raises(archives.ArchiveError, match="too many parts"):
        _names(data)


@pytest.mark.parametrize(
    "data", [b"PK\x03\x04", b"PK\x03\x04 not a zip", bombs.small_docx()[:-10], b"PK\x05\x06"]
)
def test_damaged_archives_are_refused_as_damaged(data: bytes) -> None:
    with pytest.raises(archives.ArchiveError) as refused:
        _names(data)
    assert not refused.value.bomb
