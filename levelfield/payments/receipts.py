"""Checking a receipt by what it contains, not by its name.

A receipt is a PDF, JPEG or PNG of at most 10 MB. The first bytes say which (a file
called "bus.pdf" that is really a program is refused), and the file must open: an
image is decoded by Pillow, a PDF must end with its end-of-file marker.
"""

from __future__ import annotations

from io import BytesIO

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile

MAX_BYTES = 10 * 1024 * 1024

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
        raise ValidationError("The selected file is empty.")
    if upload.size > MAX_BYTES:
        raise ValidationError("The selected file must be smaller than 10 MB.")
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    for magic, content_type, extension in KINDS:
        if data.startswith(magic):
            if not _opens(data, content_type):
                raise ValidationError(
                    "The selected file could not be opened. It may be damaged: try "
                    "saving or scanning it again."
                )
            return content_type, extension
    raise ValidationError("The selected file must be a PDF, JPG or PNG.")


def _opens(data: bytes, content_type: str) -> bool:
    if content_type == "application/pdf":
        return b"%%EOF" in data[-1024:]
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(BytesIO(data)) as image:
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return False
    return True
