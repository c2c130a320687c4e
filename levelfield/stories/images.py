"""Pictures for stories: checked by what they contain, resized, and stripped of
metadata before anything is stored.

A photo straight from a phone carries EXIF data: the camera, the time and often the
GPS position where it was taken, which on a story about someone's home would say where
they live. So every upload is decoded and drawn again into a new file with none of
it (no EXIF, no XMP, no colour profile, no comments); the orientation EXIF gave is
applied first, so the picture still stands the right way up.

Refused, each with a plain-English message:
- files that are not JPEG, PNG or WebP by their first bytes (whatever their name);
- files over `MAX_BYTES`;
- pictures wider or taller than `MAX_SIDE` or with more than `MAX_PIXELS` pixels,
  read from the header before anything is decoded: a "decompression bomb" (a tiny file
  that unpacks into gigabytes) is refused before it costs memory;
- files that do not decode.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from io import BytesIO

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile

MAX_BYTES = 15 * 1024 * 1024
MAX_SIDE = 10_000
MAX_PIXELS = 40_000_000
# Stored pictures fit in this box (wide enough for a page and a social preview).
STORED_SIDE = 1600

KINDS = [
    (b"\xff\xd8\xff", "JPEG"),
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"RIFF", "WEBP"),
]

NOT_A_PICTURE = "The selected file must be a JPG, PNG or WebP picture."
DAMAGED = "The selected picture could not be opened. It may be damaged: try saving it again."
TOO_BIG = (
    f"The selected picture is too large: it must be at most {MAX_SIDE:,} pixels wide and "
    f"tall and at most {MAX_PIXELS // 1_000_000} megapixels. Make it smaller and try again."
)


@dataclass(frozen=True)
class PreparedImage:
    content: ContentFile
    content_type: str
    width: int
    height: int


def _kind(data: bytes) -> str | None:
    for magic, kind in KINDS:
        if data.startswith(magic):
            if kind == "WEBP" and data[8:12] != b"WEBP":
                return None
            return kind
    return None


def image_prepare(upload: UploadedFile) -> PreparedImage:
    """The picture, resized to fit `STORED_SIDE` and without metadata, ready to store;
    a ValidationError in plain English when it cannot be."""
    from PIL import Image, ImageOps, UnidentifiedImageError

    if not upload.size:
        raise ValidationError("The selected file is empty.")
    if upload.size > MAX_BYTES:
        raise ValidationError(
            f"The selected picture must be smaller than {MAX_BYTES // 2**20} MB."
        )
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    if _kind(data) is None:
        raise ValidationError(NOT_A_PICTURE)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(BytesIO(data)) as opened:
                if opened.format not in {"JPEG", "PNG", "WEBP"}:
                    raise ValidationError(NOT_A_PICTURE)
                width, height = opened.size
                if width > MAX_SIDE or height > MAX_SIDE or width * height > MAX_PIXELS:
                    raise ValidationError(TOO_BIG)
                opened.load()
                picture = ImageOps.exif_transpose(opened)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ValidationError(TOO_BIG) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError):
        raise ValidationError(DAMAGED) from None
    return _redraw(picture)


def _redraw(picture: object) -> PreparedImage:
    """A new file holding only the pixels."""
    from PIL import Image

    assert isinstance(picture, Image.Image)
    has_alpha = picture.mode in {"RGBA", "LA", "PA"} or (
        picture.mode == "P" and "transparency" in picture.info
    )
    picture = picture.convert("RGBA" if has_alpha else "RGB")
    picture.thumbnail((STORED_SIDE, STORED_SIDE), Image.Resampling.LANCZOS)
    picture.info = {}
    out = BytesIO()
    if has_alpha:
        picture.save(out, "PNG", optimize=True)
        content_type = "image/png"
    else:
        picture.save(out, "JPEG", quality=85, optimize=True, progressive=True, exif=b"")
        content_type = "image/jpeg"
    return PreparedImage(
        content=ContentFile(out.getvalue()),
        content_type=content_type,
        width=picture.width,
        height=picture.height,
    )
