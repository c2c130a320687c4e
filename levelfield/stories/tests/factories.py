"""Stories, pictures and comments for tests, and pictures made by Pillow on the spot
(no files are downloaded or kept in the repository)."""

from __future__ import annotations

from io import BytesIO

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from levelfield.collectives.tests.factories import CollectiveFactory
from levelfield.people.tests.factories import UserFactory
from levelfield.stories.models import Comment, Story, StoryKind


class StoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Story
        skip_postgeneration_save = True

    collective = factory.SubFactory(CollectiveFactory)
    kind = StoryKind.STORY
    title = factory.Sequence(lambda n: f"Story number {n}")
    slug = factory.Sequence(lambda n: f"story-number-{n}")
    summary = "What we did together."
    body = "We met, we talked, we changed the study."
    author = factory.SubFactory(UserFactory)
    published_at = factory.LazyFunction(timezone.now)


class CommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Comment

    story = factory.SubFactory(StoryFactory)
    author = factory.SubFactory(UserFactory)
    text = "Thank you for sharing this."
    published_at = factory.LazyFunction(timezone.now)


def picture_bytes(
    size: tuple[int, int] = (64, 48),
    kind: str = "JPEG",
    colour: tuple[int, ...] = (200, 80, 40),
    exif: bytes | None = None,
) -> bytes:
    from PIL import Image

    mode = "RGBA" if len(colour) == 4 else "RGB"
    out = BytesIO()
    options = {"exif": exif} if exif is not None else {}
    Image.new(mode, size, colour).save(out, kind, **options)
    return out.getvalue()


def picture_upload(name: str = "photo.jpg", data: bytes | None = None) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data if data is not None else picture_bytes(), "image/jpeg")


def exif_with_gps() -> bytes:
    """EXIF naming a camera, a time and a place (Manchester), as a phone writes it."""
    from PIL import Image

    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x0110] = "Phone 15"  # Model
    exif[0x0132] = "2026:11:03 10:15:00"  # DateTime
    exif[0x0112] = 6  # Orientation: rotated 90 degrees
    gps = exif.get_ifd(0x8825)
    gps[1] = "N"
    gps[2] = (53.0, 28.0, 0.0)
    gps[3] = "W"
    gps[4] = (2.0, 14.0, 0.0)
    return exif.tobytes()
