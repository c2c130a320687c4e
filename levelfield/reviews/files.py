"""Documents researchers send: PDF or Word only, judged by their content.

The resource map's checks (levelfield/resources/files.py) read the first bytes and
look inside zip archives; we accept only what a review needs.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from levelfield.lib import archives
from levelfield.resources import files as resource_files

MAX_DOCUMENTS = 5
MAX_FILE_BYTES = 20 * 1024 * 1024
ACCEPTED_DESCRIPTION = gettext_lazy("a PDF or Word (.docx) file")
ACCEPTED = {resource_files.PDF, resource_files.OFFICE["word/"]}


def document_type_of(upload: UploadedFile) -> resource_files.FileType:
    """The file's real type if it is a PDF or Word document, else a ValidationError."""
    try:
        found = resource_files.file_type_of(upload)
    except ValidationError as error:
        if upload.size and upload.size > MAX_FILE_BYTES:
            raise
        if error.code == resource_files.BOMB:
            raise ValidationError(archives.bomb_message(f"“{upload.name}”")) from None
        raise ValidationError(
            _("“%(name)s” must be %(kinds)s")
            % {"name": upload.name, "kinds": ACCEPTED_DESCRIPTION}
        ) from error
    if found not in ACCEPTED:
        raise ValidationError(
            _("“%(name)s” must be %(kinds)s")
            % {"name": upload.name, "kinds": ACCEPTED_DESCRIPTION}
        )
    return found


def stored_name(file_type: resource_files.FileType) -> str:
    return resource_files.stored_name(file_type)
