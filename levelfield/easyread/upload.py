"""Uploaded pictures for easy-read points: checked by their content and redrawn without
metadata by the stories app's one way of doing it (`stories.images.image_prepare`, on
top of `levelfield.lib.images`), with its refusals said in the reader's language."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from levelfield.stories import images
from levelfield.stories.images import PreparedImage


def picture_prepare(upload: UploadedFile) -> PreparedImage:
    """The picture ready to store; a ValidationError in plain words when it is not one."""
    try:
        return images.image_prepare(upload)
    except ValidationError as error:
        said = " ".join(error.messages)
        if said == images.TOO_BIG:
            message = _(
                "The selected picture is too large. Make it smaller (at most %(most)s "
                "megapixels) and try again."
            ) % {"most": images.MAX_PIXELS // 1_000_000}
        elif said == images.DAMAGED:
            message = _(
                "The selected picture could not be opened. It may be damaged: try saving it again."
            )
        elif said == images.NOT_A_PICTURE:
            message = _("The selected file must be a JPG, PNG or WebP picture.")
        elif "empty" in said:
            message = _("The selected file is empty.")
        else:
            message = _("The selected picture must be smaller than %(most)d MB.") % {
                "most": images.MAX_BYTES // 2**20
            }
        raise ValidationError(message, code="not_a_picture") from None
