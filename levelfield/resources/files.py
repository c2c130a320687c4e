"""Uploaded resource files: which kinds we accept, judged by their content.

The name and the browser's declared type are easy to fake, so the first bytes decide.
Office and OpenDocument files are zip archives; we look inside for the part that names
what they are. Files are stored under a new random name through Django's storage API
and served only through a view that checks membership.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from levelfield.lib import archives, images

MAX_FILE_BYTES = 20 * 1024 * 1024
MIMETYPE_BYTES = 200
BOMB = "archive_bomb"
ACCEPTED_DESCRIPTION = gettext_lazy(
    "a PDF, Word, Excel, PowerPoint, OpenDocument, PNG or JPEG file"
)


@dataclass(frozen=True)
class FileType:
    content_type: str
    extension: str


PDF = FileType("application/pdf", "pdf")
PNG = FileType("image/png", "png")
JPEG = FileType("image/jpeg", "jpg")
OFFICE = {
    "word/": FileType(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"
    ),
    "xl/": FileType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
    "ppt/": FileType(
        "application/vnd.openxmlformats-officedocument.presentationml.presentation", "pptx"
    ),
}
OPENDOCUMENT = {
    "application/vnd.oasis.opendocument.text": FileType(
        "application/vnd.oasis.opendocument.text", "odt"
    ),
    "application/vnd.oasis.opendocument.spreadsheet": FileType(
        "application/vnd.oasis.opendocument.spreadsheet", "ods"
    ),
    "application/vnd.oasis.opendocument.presentation": FileType(
        "application/vnd.oasis.opendocument.presentation", "odp"
    ),
}


def file_type_of(upload: UploadedFile) -> FileType:
    """The kind of file `upload` really is, or a ValidationError saying what we accept."""
    if upload.size is not None and upload.size > MAX_FILE_BYTES:
        raise ValidationError(_("The file must be smaller than 20 MB"))
    if not upload.size:
        raise ValidationError(_("The file is empty"))
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    found: FileType | None = None
    if head.startswith(b"%PDF-"):
        found = PDF
    elif head.startswith(b"\x89PNG\r\n\x1a\n"):
        found = _picture_type(upload, PNG)
    elif head.startswith(b"\xff\xd8\xff"):
        found = _picture_type(upload, JPEG)
    elif head.startswith(b"PK\x03\x04"):
        found = _zip_document_type(upload)
    upload.seek(0)
    if found is None:
        raise ValidationError(_("The file must be %(kinds)s") % {"kinds": ACCEPTED_DESCRIPTION})
    return found


def _picture_type(upload: UploadedFile, file_type: FileType) -> FileType | None:
    """The picture's type once its header is read and its declared size is within
    `lib.images`' bounds (members who download it decode it whole)."""
    upload.seek(0)
    try:
        with images.open_image(upload.read(), formats=("PNG", "JPEG")):
            return file_type
    except images.ImageProblem as problem:
        if problem.reason == images.TOO_BIG:
            raise ValidationError(
                _(
                    "The picture is too large: it must be at most %(side)s pixels "
                    "wide and tall and at most %(megapixels)s megapixels"
                )
                % {"side": f"{images.MAX_SIDE:,}", "megapixels": images.MAX_PIXELS // 1_000_000}
            ) from None
        return None


def _zip_document_type(upload: UploadedFile) -> FileType | None:
    """Office and OpenDocument files are zip archives: bounded by `lib.archives`, so a
    bomb is refused before it is inflated (ValidationError saying so)."""
    try:
        with archives.open_archive(upload) as archive:
            names = archive.namelist()
            if "mimetype" in names:
                # OpenDocument's mimetype entry is one short line, e.g. 39 bytes.
                declared = archives.read_entry(archive, "mimetype", limit=MIMETYPE_BYTES)
                return OPENDOCUMENT.get(declared.decode("ascii", "replace").strip())
            if "[Content_Types].xml" in names:
                for prefix, file_type in OFFICE.items():
                    if any(name.startswith(prefix) for name in names):
                        return file_type
    except archives.ArchiveError as error:
        if error.bomb:
            raise ValidationError(archives.bomb_message(_("The file")), code=BOMB) from None
        return None  # damaged: said as "The file must be ..."
    return None


def stored_name(file_type: FileType) -> str:
    """A new name for storage: never the uploader's, which may hold anything."""
    return f"{uuid.uuid4().hex}.{file_type.extension}"
