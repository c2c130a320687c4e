"""Checking a receipt by what it contains, not by its name.

A receipt is a PDF, JPEG or PNG of at most 10 MB. The first bytes say which (a file
called "bus.pdf" that is really a program is refused), and the file must open: an
image is decoded by Pillow (its declared size bounded first, `levelfield.lib.images`),
a PDF must end with its end-of-file marker.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from levelfield.lib import images

MAX_BYTES = 10 * 1024 * 1024
DAMAGED = (
    "The selected file could not be opened. It may be damaged: try saving or scanning it again."
)
TOO_BIG = (
    f"The selected file is too large: it must be at most {images.MAX_SIDE:,} pixels wide "
    f"and tall and at most {images.MAX_PIXELS // 1_000_000} megapixels. Make the picture "
    "smaller or scan it again."
)

# (first bytes, content type, extension)
KINDS = [
    (b"%PDF-", "application/pdf", "pdf"),
    (b"\xff\xd8\xff", "image/jpeg", "jpg"),
    (b"\x89PNG\r\n\x1a\n", "image/png", "png"),
]


def receipt_check(upload: UploadedFile) -> tuple[str, str]:
    """(content type, extension) of a good receipt; a ValidationError in plain English
    otherwise."""
    if upload.size == 0:
        raise ValidationError(_("The selected file is empty."))
    if upload.size > MAX_BYTES:
        raise ValidationError(_("The selected file must be smaller than 10 MB."))
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    for magic, content_type, extension in KINDS:
        if data.startswith(magic):
            try:
                opens = _opens(data, content_type)
            except images.ImageProblem as problem:
                if problem.reason == images.TOO_BIG:
                    raise ValidationError(TOO_BIG) from None
                opens = False
            if not opens:
                raise ValidationError(DAMAGED)
            return content_type, extension
    raise ValidationError(_("The selected file must be a PDF, JPG or PNG."))


def _opens(data: bytes, content_type: str) -> bool:
    """Whether the file opens: a PDF ends with its marker; a picture's declared size is
    within `lib.images`' bounds (a decompression bomb is refused from its header) and
    its data decodes. A JPEG is decoded at an eighth of its size, so checking a large
    photo costs little memory; a PNG's chunks and checksums are verified."""
    if content_type == "application/pdf":
        return b"%%EOF" in data[-1024:]
    formats = ("JPEG",) if content_type == "image/jpeg" else ("PNG",)
    with images.open_image(data, formats=formats) as image:
        if image.format == "JPEG":
            image.draft("RGB", (image.width // 8, image.height // 8))
            image.load()
        else:
            image.verify()
    return True
