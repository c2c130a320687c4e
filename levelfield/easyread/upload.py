"""Uploaded pictures for easy-read points: checked by their content and redrawn without
metadata by the stories app's one way of doing it (`stories.images.image_prepare`, on
top of `levelfield.lib.images`), whose refusals are already in the reader's language."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile

from levelfield.stories import images
from levelfield.stories.images import PreparedImage


def picture_prepare(upload: UploadedFile) -> PreparedImage:
    """The picture ready to store; a ValidationError in plain words when it is not one
    (too big in bytes or in pixels, not a picture, damaged, empty), said as the stories'
    picture form says it."""
    try:
        return images.image_prepare(upload)
    except ValidationError as error:
        raise ValidationError(error.messages, code="not_a_picture") from None
