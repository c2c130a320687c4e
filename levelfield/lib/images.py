"""Pictures strangers send (receipts, story pictures), opened with their size bounded.

A picture's header declares its width and height; decoding it takes about four bytes
a pixel whatever the file's size, so a 1 KB PNG declaring 100,000 x 100,000 pixels (a
"decompression bomb") would ask for 40 GB. Pillow reads the header on `Image.open`
and, past `Image.MAX_IMAGE_PIXELS`, warns and then refuses; we treat its warning as a
refusal and refuse anything beyond our own, smaller bounds before a pixel is decoded.
Damaged and truncated files are refused too. Every refusal is an `ImageProblem`
whose `reason` the caller turns into its own plain-English message.
"""

from __future__ import annotations

import struct
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from io import BytesIO
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PIL.Image import Image

MAX_SIDE = 10_000
MAX_PIXELS = 40_000_000

TOO_BIG = "too big"
DAMAGED = "damaged"
NOT_A_PICTURE = "not a picture"


class ImageProblem(Exception):  # noqa: N818 - a refusal, as ArchiveError's twin
    """The file is not a picture we can open safely; `reason` says why."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@contextmanager
def open_image(
    data: bytes,
    *,
    formats: tuple[str, ...],
    max_side: int = MAX_SIDE,
    max_pixels: int = MAX_PIXELS,
) -> Iterator[Image]:
    """The picture in `data`, opened (header only) once its declared size is within
    bounds. Errors while the caller decodes it inside the block (a truncated file)
    become ImageProblem too."""
    from PIL import Image, ImageFile, UnidentifiedImageError

    # WeasyPrint sets Pillow's process-wide LOAD_TRUNCATED_IMAGES on import (for its own
    # rendering), after which a cut upload would decode with grey filling the rest:
    # refuse it here whatever another library chose, and put the setting back after.
    lenient = ImageFile.LOAD_TRUNCATED_IMAGES
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(BytesIO(data), formats=list(formats)) as opened:
                width, height = opened.size
                if width > max_side or height > max_side or width * height > max_pixels:
                    raise ImageProblem(TOO_BIG)
                yield opened
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ImageProblem(TOO_BIG) from None
    except UnidentifiedImageError:
        raise ImageProblem(NOT_A_PICTURE) from None
    except (OSError, SyntaxError, ValueError, EOFError, struct.error, IndexError):
        # Pillow's ways of saying a file is damaged or cut short.
        raise ImageProblem(DAMAGED) from None
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = lenient
