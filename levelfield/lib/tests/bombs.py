"""Hostile files for tests, built in memory in milliseconds: zip bombs (honest or lying
about their sizes) and pictures whose header declares enormous dimensions.

A zip bomb is written by hand (zipfile would spend seconds deflating the zeros): the
deflate stream of one mebibyte of zeros, ended by a full flush, is byte-aligned and
independent of what came before, so a stream of N mebibytes is that piece N times
and an empty final block.
"""

from __future__ import annotations

import functools
import struct
import zlib
from dataclasses import dataclass

MIB = 1024 * 1024
_ZEROS = bytes(MIB)


@functools.cache
def _piece() -> bytes:
    deflate = zlib.compressobj(9, zlib.DEFLATED, -15)
    return deflate.compress(_ZEROS) + deflate.flush(zlib.Z_FULL_FLUSH)


@functools.cache
def _zeros_crc(mebibytes: int) -> int:
    crc = 0
    for _ in range(mebibytes):
        crc = zlib.crc32(_ZEROS, crc)
    return crc


@dataclass(frozen=True)
class Entry:
    name: str
    data: bytes  # as stored (deflated when method is 8)
    crc: int
    size: int  # the uncompressed size the headers declare
    method: int = 8


def plain(name: str, text: bytes) -> Entry:
    deflate = zlib.compressobj(9, zlib.DEFLATED, -15)
    return Entry(name, deflate.compress(text) + deflate.flush(), zlib.crc32(text), len(text))


def zeros(name: str, mebibytes: int, *, declared: int | None = None) -> Entry:
    """An entry inflating to `mebibytes` MiB of zeros; its headers say `declared` bytes
    (the truth when None)."""
    size = mebibytes * MIB
    stream = _piece() * mebibytes + b"\x03\x00"  # an empty final block
    return Entry(name, stream, _zeros_crc(mebibytes), size if declared is None else declared)


def build_zip(entries: list[Entry]) -> bytes:
    """A zip archive of `entries`, headers as declared (APPNOTE 4.3.7, 4.3.12, 4.3.16)."""
    body = bytearray()
    directory = bytearray()
    for entry in entries:
        name = entry.name.encode()
        offset = len(body)
        sizes = (entry.crc, len(entry.data), entry.size)
        body += struct.pack(
            "<4s5H3L2H", b"PK\x03\x04", 20, 0, entry.method, 0, 0x21, *sizes, len(name), 0
        )
        body += name + entry.data
        directory += struct.pack(
            "<4s6H3L5H2L",
            b"PK\x01\x02",
            20,
            20,
            0,
            entry.method,
            0,
            0x21,
            *sizes,
            len(name),
            0,
            0,
            0,
            0,
            0,
            offset,
        )
        directory += name
    end = struct.pack(
        "<4s4H2LH",
        b"PK\x05\x06",
        0,
        0,
        len(entries),
        len(entries),
        len(directory),
        len(body),
        0,
    )
    return bytes(body + directory + end)


def odt_bomb(mebibytes: int = 300, *, declared: int | None = None) -> bytes:
    """A ".docx" whose OpenDocument `mimetype` entry inflates to `mebibytes` MiB: the
    file the adversarial test sent (306 KB for 300 MB)."""
    return build_zip(
        [zeros("mimetype", mebibytes, declared=declared), plain("content.xml", b"<x/>")]
    )


def docx_bomb(mebibytes: int = 300) -> bytes:
    """A Word document whose body inflates to `mebibytes` MiB."""
    return build_zip(
        [
            plain("[Content_Types].xml", b"<Types/>"),
            zeros("word/document.xml", mebibytes),
        ]
    )


def many_entries_zip(count: int) -> bytes:
    """A Word-looking archive of `count` empty entries."""
    return build_zip(
        [plain("[Content_Types].xml", b"<Types/>")]
        + [plain(f"word/{n}.xml", b"") for n in range(count)]
    )


def small_docx() -> bytes:
    return build_zip(
        [plain("[Content_Types].xml", b"<Types/>"), plain("word/document.xml", b"<w:document/>")]
    )


def small_odt() -> bytes:
    return build_zip(
        [
            plain("mimetype", b"application/vnd.oasis.opendocument.text"),
            plain("content.xml", b"<x/>"),
        ]
    )


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">L", len(data)) + kind + data + struct.pack(">L", zlib.crc32(kind + data))


def png_header(width: int, height: int) -> bytes:
    """A PNG that declares `width` x `height` pixels and holds almost nothing (IHDR,
    a tiny IDAT and IEND, every checksum right)."""
    header = struct.pack(">2L5B", width, height, 8, 2, 0, 0, 0)  # 8-bit RGB
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + _png_chunk(b"IEND", b"")
    )


def jpeg_header(width: int, height: int) -> bytes:
    """A baseline JPEG header (SOI, a quantisation table, SOF0 declaring `width` x
    `height`, a Huffman table, SOS) followed by a few bytes of scan and EOI."""
    quant = b"\xff\xdb\x00\x43\x00" + bytes([1] * 64)
    frame = b"\xff\xc0\x00\x0b\x08" + struct.pack(">2H", height, width) + b"\x01\x01\x11\x00"
    huffman = b"\xff\xc4\x00\x14\x00" + bytes([1] + [0] * 15) + b"\x00"
    scan = b"\xff\xda\x00\x08\x01\x01\x00\x00\x3f\x00"
    return b"\xff\xd8" + quant + frame + huffman + scan + b"\x00" * 16 + b"\xff\xd9"


def webp_header(width: int, height: int) -> bytes:
    """An extended WebP (VP8X) whose canvas declares `width` x `height`."""
    canvas = b"\x00\x00\x00\x00" + (width - 1).to_bytes(3, "little")
    canvas += (height - 1).to_bytes(3, "little")
    chunk = b"VP8X" + struct.pack("<L", len(canvas)) + canvas
    return b"RIFF" + struct.pack("<L", 4 + len(chunk)) + b"WEBP" + chunk


def truncated(data: bytes, keep: float = 0.6) -> bytes:
    return data[: int(len(data) * keep)]
