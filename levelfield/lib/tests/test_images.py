"""Pictures are opened with their declared size bounded before a pixel is decoded."""

from __future__ import annotations

import pytest

from levelfield.lib import images
from levelfield.lib.tests import bombs


@pytest.mark.parametrize(
    "data",
    [
        bombs.png_header(100_000, 100_000),  # past Pillow's own limit: its error
        bombs.png_header(10_000, 10_000),  # past Pillow's warning: refused too
        bombs.png_header(9_000, 9_000),  # under Pillow's limits, over ours
        bombs.jpeg_header(65_000, 65_000),
        bombs.webp_header(16_000, 16_000),
    ],
)
def test_a_picture_declaring_too_many_pixels_is_refused_from_its_header(data: bytes) -> None:
    with (
        pytest.raises(images.ImageProblem) as refused,
        images.open_image(data, formats=("PNG", "JPEG", "WEBP")) as image,
    ):
        image.load()  # never reached
    assert refused.value.reason == images.TOO_BIG


def _photo(kind: str) -> bytes:
    from io import BytesIO

    from PIL import Image

    out = BytesIO()
    Image.effect_noise((200, 150), 60).convert("RGB").save(out, kind)
    return out.getvalue()


@pytest.mark.parametrize("lenient", [False, True], ids=["Pillow's default", "after WeasyPrint"])
@pytest.mark.parametrize("kind", ["PNG", "JPEG"])
def test_a_truncated_picture_is_damaged(
    kind: str, lenient: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Even once WeasyPrint (imported to render PDFs) has told Pillow to load truncated
    pictures, process-wide, and with the setting left as it was."""
    from PIL import ImageFile

    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", lenient)
    cut = bombs.truncated(_photo(kind))
    with (
        pytest.raises(images.ImageProblem) as refused,
        images.open_image(cut, formats=(kind,)) as image,
    ):
        image.load()
    assert refused.value.reason == images.DAMAGED
    assert ImageFile.LOAD_TRUNCATED_IMAGES is lenient


def test_another_kind_is_not_a_picture() -> None:
    with (
        pytest.raises(images.ImageProblem) as refused,
        images.open_image(bombs.png_header(64, 64), formats=("JPEG",)),
    ):
        pass
    assert refused.value.reason == images.NOT_A_PICTURE
