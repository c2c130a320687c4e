"""Stories are written by people and read by anyone: hostile Markdown and hostile
pictures never reach a page."""

from __future__ import annotations

import zlib
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from levelfield.collectives.models import Collective
from levelfield.people.models import User
from levelfield.stories import images, services
from levelfield.stories.tests.factories import (
    StoryFactory,
    exif_with_gps,
    picture_bytes,
    picture_upload,
)

HOSTILE = """# Hello

<script>alert('stolen')</script>

[click me](javascript:alert(1)) and [data](data:text/html;base64,PHNjcmlwdD4=)

<img src="x" onerror="alert(2)">

<a href="https://example.org" onclick="alert(3)" style="color:red">fine link</a>

<iframe src="https://evil.example"></iframe><style>body{display:none}</style>

<p onmouseover="alert(4)">hover</p>
"""


def test_a_hostile_story_is_shown_without_scripts_handlers_or_bad_links(
    client: Client, collective: Collective, writer: User
) -> None:
    story = StoryFactory(collective=collective, author=writer, body=HOSTILE, slug="hostile")

    html = client.get(story.get_absolute_url()).content.decode()

    body = html.split('levelfield-markdown">', 1)[1].split("</div>", 1)[0]
    assert "<script" not in body and "alert('stolen')" not in body
    assert "javascript:" not in body and "data:text/html" not in body
    assert "onerror" not in body and "onclick" not in body and "onmouseover" not in body
    assert "<iframe" not in body and "<style" not in body and "style=" not in body
    assert "<img" not in body
    assert '<a href="https://example.org" rel="nofollow noopener">fine link</a>' in body
    # The writer's top heading sits below the page's own h1.
    assert "<h2>Hello</h2>" in body


def test_a_hostile_title_and_summary_are_escaped_in_the_page_and_its_social_tags(
    client: Client, collective: Collective, writer: User
) -> None:
    story = StoryFactory(
        collective=collective,
        author=writer,
        slug="quoted",
        title='"><script>alert(1)</script>',
        summary='" onload="alert(1)',
    )

    html = client.get(story.get_absolute_url()).content.decode()

    assert "<script>alert(1)</script>" not in html
    assert 'content="&quot; onload=&quot;alert(1)"' in html


def _prepared(data: bytes, name: str = "photo.jpg") -> images.PreparedImage:
    return images.image_prepare(SimpleUploadedFile(name, data))


def test_a_phone_photo_loses_its_camera_time_and_gps_and_stands_the_right_way_up() -> None:
    data = picture_bytes(size=(80, 40), exif=exif_with_gps())
    with Image.open(BytesIO(data)) as original:
        assert original.getexif().get_ifd(0x8825)  # the GPS really is there to start with

    prepared = _prepared(data)

    stored = prepared.content.read()
    with Image.open(BytesIO(stored)) as picture:
        assert dict(picture.getexif()) == {}
        assert not picture.getexif().get_ifd(0x8825)
        assert "exif" not in picture.info and "icc_profile" not in picture.info
        # Orientation 6 (rotated) was applied, so the stored picture is portrait.
        assert picture.size == (40, 80)
    assert b"PhoneMaker" not in stored and b"Exif" not in stored


def test_a_big_picture_is_made_to_fit() -> None:
    prepared = _prepared(picture_bytes(size=(4000, 1000)))

    assert (prepared.width, prepared.height) == (images.STORED_SIDE, 400)
    assert prepared.content_type == "image/jpeg"


def test_a_transparent_png_stays_a_png_without_its_text_chunks() -> None:
    from PIL.PngImagePlugin import PngInfo

    out = BytesIO()
    info = PngInfo()
    info.add_text("Author", "Someone private")
    Image.new("RGBA", (10, 10), (0, 0, 0, 0)).save(out, "PNG", pnginfo=info)

    prepared = _prepared(out.getvalue(), "logo.png")

    assert prepared.content_type == "image/png"
    assert b"Someone private" not in prepared.content.read()


def test_a_program_called_photo_jpg_is_refused() -> None:
    with pytest.raises(ValidationError, match="must be a JPG, PNG or WebP"):
        _prepared(b"MZ\x90\x00 this is a program")


def test_a_broken_picture_is_refused() -> None:
    data = picture_bytes()
    with pytest.raises(ValidationError, match="could not be opened"):
        _prepared(data[:40])


def test_a_picture_with_enormous_dimensions_is_refused_before_it_is_decoded() -> None:
    # A PNG header claiming 20,000 x 20,000 pixels (400 megapixels), nearly empty inside.
    header = picture_bytes(size=(1, 1), kind="PNG")
    bomb = bytearray(header)
    bomb[16:24] = (20_000).to_bytes(4, "big") + (20_000).to_bytes(4, "big")
    bomb[29:33] = zlib.crc32(bytes(bomb[12:29])).to_bytes(4, "big")  # a valid header

    with pytest.raises(ValidationError, match="too large"):
        _prepared(bytes(bomb), "bomb.png")


def test_a_decompression_bomb_past_pillows_own_limit_is_refused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(images, "MAX_PIXELS", 10**12)
    monkeypatch.setattr(images, "MAX_SIDE", 10**6)
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1000)

    with pytest.raises(ValidationError, match="too large"):
        _prepared(picture_bytes(size=(100, 100), kind="PNG"), "bomb.png")


def test_an_empty_or_huge_file_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(ValidationError, match="empty"):
        _prepared(b"")
    monkeypatch.setattr(images, "MAX_BYTES", 100)
    with pytest.raises(ValidationError, match="smaller than"):
        _prepared(picture_bytes(size=(200, 200)))


def test_the_picture_page_says_what_is_wrong_the_govuk_way(
    client: Client, collective: Collective, writer: User
) -> None:
    story = StoryFactory(collective=collective, author=writer, published_at=None)
    client.force_login(writer)

    response = client.post(
        f"/c/{collective.slug}/desk/{story.pk}/pictures/",
        {"file": picture_upload("x.jpg", b"not a picture"), "alt": "A cup", "credit": "Mo"},
    )

    html = response.content.decode()
    assert response.status_code == 400
    assert "There is a problem" in html
    assert 'href="#id_file"' in html and "must be a JPG, PNG or WebP" in html
    assert not story.images.exists()


def test_alt_text_and_a_credit_are_required(collective: Collective, writer: User) -> None:
    story = StoryFactory(collective=collective, author=writer)
    with pytest.raises(ValidationError, match="cannot see"):
        services.image_add(story=story, actor=writer, upload=picture_upload(), alt=" ", credit="A")
    with pytest.raises(ValidationError, match="took or made"):
        services.image_add(story=story, actor=writer, upload=picture_upload(), alt="A", credit="")
    assert not story.images.exists()
