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
  read from the header before anything is decoded (`levelfield.lib.images`): a
  "decompression bomb" (a tiny file that unpacks into gigabytes) is refused before it
  costs memory;
- files that do not decode.
"""

from __future__ import annotations

from dataclasses import dataclass
from io import BytesIO

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from levelfield.lib import images as lib_images

MAX_BYTES = 15 * 1024 * 1024
MAX_SIDE = lib_images.MAX_SIDE
MAX_PIXELS = lib_images.MAX_PIXELS
# Stored pictures fit in this box (wide enough for a page and a social preview).
STORED_SIDE = 1600

KINDS = [
    (b"\xff\xd8\xff", "JPEG"),
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"RIFF", "WEBP"),
]

NOT_A_PICTURE = gettext_lazy("The selected file must be a JPG, PNG or WebP picture.")
DAMAGED = gettext_lazy(
    "The selected picture could not be opened. It may be damaged: try saving it again."
)
TOO_BIG = gettext_lazy(
    "The selected picture is too large: it must be at most %(side)s pixels wide and "
    "tall and at most %(megapixels)s megapixels. Make it smaller and try again."
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
    from PIL import ImageOps

    if not upload.size:
        raise ValidationError(_("The selected file is empty."))
    if upload.size > MAX_BYTES:
        raise ValidationError(
            _("The selected picture must be smaller than %(size)s MB.")
            % {"size": MAX_BYTES // 2**20}
        )
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    if _kind(data) is None:
        raise ValidationError(str(NOT_A_PICTURE))
    try:
        with lib_images.open_image(
            data, formats=("JPEG", "PNG", "WEBP"), max_side=MAX_SIDE, max_pixels=MAX_PIXELS
        ) as opened:
            opened.load()
            picture = ImageOps.exif_transpose(opened)
    except lib_images.ImageProblem as problem:
        if problem.reason == lib_images.TOO_BIG:
            raise ValidationError(
                str(TOO_BIG) % {"side": f"{MAX_SIDE:,}", "megapixels": MAX_PIXELS // 1_000_000}
            ) from None
        if problem.reason == lib_images.NOT_A_PICTURE:
            raise ValidationError(str(NOT_A_PICTURE)) from None
        raise ValidationError(str(DAMAGED)) from None
    return _redraw(picture)


def _redraw(picture: object) -> PreparedImage:
    """A new file holding only the pixels."""
    from PIL import Image

    assert isinstance(picture, Image.Image)  # noqa: S101 - narrows the type only
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
