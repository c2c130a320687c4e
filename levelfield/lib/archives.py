"""Zip archives that strangers send (Word, Excel, PowerPoint, OpenDocument): bounded.

An archive is a bomb until proven otherwise: a 306 KB .docx whose one entry inflates to
300 MB raised a server process by 500 MB when the entry was read whole. So before
anything is inflated we check what the archive declares:

- the central directory (read by `zipfile` when it opens) is at most
  `MAX_DIRECTORY_BYTES`, so opening cannot build a million entries;
- at most `MAX_ENTRIES` entries;
- each entry's declared size (`ZipInfo.file_size`) and their total are bounded;
- no entry inflates more than `MAX_RATIO` times (Apache POI's ZipSecureFile refuses the
  same ratio by default), once it is bigger than `RATIO_GRACE_BYTES`.

Declared sizes can lie, so `read_entry` also reads at most a fixed number of bytes
from `ZipFile.open()` and refuses the entry if there are more. Everything is refused
with `ArchiveError`, whose message names the file and says what to do.
"""

from __future__ import annotations

import struct
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO

from django.utils.translation import gettext as _

MAX_ENTRIES = 5000
# About 128 bytes a directory entry (46 fixed, the rest its name and extras).
MAX_DIRECTORY_BYTES = MAX_ENTRIES * 128
MAX_TOTAL_BYTES = 200 * 1024 * 1024
MAX_RATIO = 100
RATIO_GRACE_BYTES = 1024 * 1024
CHUNK_BYTES = 64 * 1024

# End of central directory record (APPNOTE 4.3.16): signature, disk numbers, entry
# counts, directory size, directory offset, comment length.
_END_RECORD = struct.Struct("<4s4H2LH")
_END_SIGNATURE = b"PK\x05\x06"

# Why an archive is refused: reasons for the code, never shown (callers say it in words,
# `bomb_message`), as `levelfield.lib.images` does.
DAMAGED = "damaged"
TOO_BIG = "too big"
TOO_MANY_PARTS = "too many parts"
TOO_COMPRESSED = "too compressed"


class ArchiveError(ValueError):
    """The archive is damaged or would inflate beyond our bounds (`bomb` says which)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.bomb = reason != DAMAGED


def _directory_size(file: IO[bytes]) -> int:
    """The central directory's declared size, read from the end record without parsing
    the directory itself."""
    file.seek(0, 2)
    end = file.tell()
    start = max(0, end - (_END_RECORD.size + 0xFFFF))
    file.seek(start)
    tail = file.read(end - start)
    at = tail.rfind(_END_SIGNATURE)
    if at < 0 or len(tail) - at < _END_RECORD.size:
        raise ArchiveError(DAMAGED)
    fields = _END_RECORD.unpack_from(tail, at)
    entries, directory_bytes = fields[4], fields[5]
    if entries == 0xFFFF or directory_bytes == 0xFFFFFFFF:
        # Zip64: only needed beyond 65,535 entries or 4 GB, far past our bounds.
        raise ArchiveError(TOO_BIG)
    return directory_bytes


def _check_entries(archive: zipfile.ZipFile) -> None:
    infos = archive.infolist()
    if len(infos) > MAX_ENTRIES:
        raise ArchiveError(TOO_MANY_PARTS)
    total = 0
    for info in infos:
        total += info.file_size
        if total > MAX_TOTAL_BYTES:
            raise ArchiveError(TOO_BIG)
        if info.file_size > RATIO_GRACE_BYTES and info.file_size > MAX_RATIO * max(
            info.compress_size, 1
        ):
            raise ArchiveError(TOO_COMPRESSED)


@contextmanager
def open_archive(file: IO[bytes]) -> Iterator[zipfile.ZipFile]:
    """The zip archive in `file`, opened once its declared sizes are within bounds.
    Raises ArchiveError (never BadZipFile or a memory spike) for a bad or bomb archive."""
    try:
        if _directory_size(file) > MAX_DIRECTORY_BYTES:
            raise ArchiveError(TOO_MANY_PARTS)
        file.seek(0)
        with zipfile.ZipFile(file) as archive:
            _check_entries(archive)
            yield archive
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, struct.error) as error:
        raise ArchiveError(DAMAGED) from error
    except (NotImplementedError, RuntimeError) as error:
        # An unsupported compression method, or an encrypted entry.
        raise ArchiveError(DAMAGED) from error


def read_entry(archive: zipfile.ZipFile, name: str, *, limit: int) -> bytes:
    """At most `limit` bytes of the entry `name`; ArchiveError if it holds more, whatever
    its header declares."""
    info = archive.getinfo(name)
    if info.file_size > limit:
        raise ArchiveError(TOO_BIG)
    chunks: list[bytes] = []
    read = 0
    with archive.open(info) as entry:
        while chunk := entry.read(min(CHUNK_BYTES, limit + 1 - read)):
            chunks.append(chunk)
            read += len(chunk)
            if read > limit:
                raise ArchiveError(TOO_BIG)
    return b"".join(chunks)


def bomb_message(subject: str) -> str:
    """A plain-English sentence saying `subject` (e.g. "The file") is a bomb."""
    return _(
        "%(subject)s unpacks to far more than its size, so it cannot be accepted. Save it "
        "again from the program that made it, or send it as a PDF."
    ) % {"subject": subject}
