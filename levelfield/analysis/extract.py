"""Text out of what a team uploads for analysis (a transcript, notes, a report).

The analysis works on plain text, so every upload becomes one string: paragraphs
separated by one blank line, lines ending in "\\n". The kind of file is decided by its
content, never by its name or the browser's declared type (both are easy to fake):

- ``%PDF-`` at the start: a PDF, read with pypdf (imported only when a PDF arrives,
  because it is a large import; it also caps how far a compressed stream may inflate).
  No text at all usually means a scanned image, and we say so.
- ``PK`` at the start: a zip archive, opened through levelfield/lib/archives.py, which
  refuses zip bombs (declared and actual sizes, entry count, compression ratio) before
  anything is inflated. It is a Word document if it has ``word/document.xml`` and an
  OpenDocument text if its ``mimetype`` entry says so.
- anything else without NUL bytes: plain text, which must be UTF-8 (a UTF-8 or UTF-16
  byte order mark is honoured), because guessing an encoding silently garbles names.

Word and OpenDocument files are read straight from their XML with defusedxml rather
than python-docx or odfpy: we need only the paragraphs' text, python-docx would bring
lxml (a C library parsing strangers' XML with its own entity rules) and odfpy builds the
whole document tree in Python objects. defusedxml refuses DTDs and entity expansion
(billion laughs, external entities), and the archive check bounds the XML's size first.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from xml.etree.ElementTree import Element  # type only: parsing is defusedxml's

from defusedxml import ElementTree as SafeElementTree
from defusedxml.common import DefusedXmlException
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from levelfield.lib import archives

MAX_BYTES = 5 * 1024 * 1024
# The XML part holding a document's text is bigger than the (compressed) file, and parsed
# it takes roughly ten times its size in memory: 10 MB is some 400 pages of transcript.
MAX_XML_BYTES = 10 * 1024 * 1024
# pypdf reads about 35 pages a second here: 300 pages is some 10 s, once, on upload.
MAX_PDF_PAGES = 300
# Text longer than this is not a transcript; it would make every later step slow.
MAX_TEXT_CHARS = 2_000_000

ACCEPTED = gettext_lazy(
    "The file must be a Word document (.docx), an OpenDocument text (.odt), a PDF or a "
    "plain text file"
)
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"


class UnreadableFile(Exception):
    """The upload cannot become text; `str()` is a sentence to show the person."""


def text_from_upload(upload: UploadedFile) -> str:
    """The upload's text, tidied (see `tidy`), or UnreadableFile saying what is wrong."""
    if upload.size is not None and upload.size > MAX_BYTES:
        raise UnreadableFile(_("The file must be smaller than 5 MB"))
    upload.seek(0)
    data = upload.read(MAX_BYTES + 1)
    upload.seek(0)
    if len(data) > MAX_BYTES:
        raise UnreadableFile(_("The file must be smaller than 5 MB"))
    if not data:
        raise UnreadableFile(_("The file is empty"))
    if data.startswith(b"%PDF-"):
        text = _pdf_text(data)
    elif data.startswith(b"PK\x03\x04"):
        text = _zip_text(data)
    else:
        text = _plain_text(data)
    text = tidy(text)
    if not text:
        raise UnreadableFile(_("We could not find any text in the file"))
    if len(text) > MAX_TEXT_CHARS:
        raise UnreadableFile(
            _(
                "The file has too much text: it must be shorter than 2 million characters. "
                "Split it into smaller files"
            )
        )
    return text


def tidy(text: str) -> str:
    """One line ending ("\\n"), no trailing spaces, paragraphs separated by exactly one
    blank line, no blank lines at either end: so that character positions (where a
    passage was coded) mean the same whatever program wrote the file."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n\n").replace("\f", "\n\n")
    text = re.sub(r"[ \t\u00a0]+\n", "\n", text)
    text = re.sub(r"\n(?:[ \t\u00a0]*\n)+", "\n\n", text)
    return text.strip("\n").rstrip()


def _plain_text(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise UnreadableFile(_NOT_UTF8) from None
    if b"\x00" in data:
        # Text files never hold NUL bytes; other programs' files (images, .doc) do.
        raise UnreadableFile(ACCEPTED)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UnreadableFile(_NOT_UTF8) from None


_NOT_UTF8 = gettext_lazy(
    "The text file must be saved as UTF-8. Open it, choose ‘Save as’ and pick UTF-8 as "
    "the encoding, or upload it as a Word document"
)


def _pdf_text(data: bytes) -> str:
    from pypdf import PdfReader
    from pypdf.errors import FileNotDecryptedError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            # Many PDFs are "encrypted" with an empty password only to stop editing.
            reader.decrypt("")
        if len(reader.pages) > MAX_PDF_PAGES:
            raise UnreadableFile(
                _("The PDF must have at most %(count)s pages") % {"count": MAX_PDF_PAGES}
            )
        pages = [page.extract_text() or "" for page in reader.pages]
    except UnreadableFile:
        raise
    except (FileNotDecryptedError, NotImplementedError):
        raise UnreadableFile(
            _("The PDF is protected by a password. Save it again without a password")
        ) from None
    except Exception as error:  # pypdf raises many kinds of error on a damaged file
        raise UnreadableFile(
            _(
                "We could not read this PDF: it may be damaged. Save it again, or upload it "
                "as a Word document"
            )
        ) from error
    text = "\n\n".join(page.strip() for page in pages)
    if not text.strip():
        raise UnreadableFile(
            _(
                "We could not read any text in this PDF: it may be a scanned image. Upload "
                "the document it was made from, or a Word document"
            )
        )
    return text


def _zip_text(data: bytes) -> str:
    try:
        with archives.open_archive(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if "word/document.xml" in names:
                xml = archives.read_entry(archive, "word/document.xml", limit=MAX_XML_BYTES)
                return _xml_paragraphs(xml, _docx_paragraph)
            if "mimetype" in names and "content.xml" in names:
                mimetype = archives.read_entry(archive, "mimetype", limit=200).strip()
                if mimetype == ODT_MIMETYPE:
                    xml = archives.read_entry(archive, "content.xml", limit=MAX_XML_BYTES)
                    return _xml_paragraphs(xml, _odt_paragraph)
    except archives.ArchiveError as error:
        if error.bomb:
            raise UnreadableFile(archives.bomb_message(_("The file"))) from None
        raise UnreadableFile(_DAMAGED) from None
    except zipfile.BadZipFile:
        raise UnreadableFile(_DAMAGED) from None
    raise UnreadableFile(ACCEPTED)


_DAMAGED = gettext_lazy(
    "We could not open the file: it may be damaged. Save it again from the program that made it"
)


def _xml_paragraphs(xml: bytes, paragraph: Callable[[Element], str | None]) -> str:
    """The text of every paragraph in document order, one blank line between them.
    `paragraph` returns an element's text if it is a paragraph, else None."""
    try:
        root = SafeElementTree.fromstring(xml)
    except (DefusedXmlException, SafeElementTree.ParseError):
        raise UnreadableFile(_DAMAGED) from None
    found: list[str] = []
    try:
        _walk(root, paragraph, found)
    except RecursionError:
        # Real documents nest a few dozen levels; thousands is a file made to crash us.
        raise UnreadableFile(_DAMAGED) from None
    return "\n\n".join(found)


def _walk(element: Element, paragraph: Callable[[Element], str | None], found: list[str]) -> None:
    for child in element:
        text = paragraph(child)
        if text is None:
            _walk(child, paragraph, found)
        else:
            found.append(text)


def _docx_paragraph(element: Element) -> str | None:
    """A Word paragraph (w:p): its runs' text (w:t), tabs and line breaks. Deleted text
    (w:delText) and field codes (w:instrText) are other elements, so are left out."""
    if element.tag != W + "p":
        return None
    parts: list[str] = []
    for node in element.iter():
        if node.tag == W + "t":
            parts.append(node.text or "")
        elif node.tag == W + "tab":
            parts.append("\t")
        elif node.tag in (W + "br", W + "cr"):
            parts.append("\n")
    return "".join(parts)


def _odt_paragraph(element: Element) -> str | None:
    """An OpenDocument paragraph or heading (text:p, text:h): its mixed text, with
    text:s (n spaces), text:tab and text:line-break; comments (office:annotation) left
    out, since they are remarks about the text, not the text."""
    if element.tag not in (TEXT + "p", TEXT + "h"):
        return None
    parts: list[str] = []
    _odt_inline(element, parts)
    return "".join(parts)


def _odt_inline(element: Element, parts: list[str]) -> None:
    parts.append(element.text or "")
    for child in element:
        if child.tag == TEXT + "s":
            count = child.get(TEXT + "c", "1")
            # Capped: the attribute is a number a stranger chooses.
            parts.append(" " * min(int(count) if count.isdigit() else 1, 100))
        elif child.tag == TEXT + "tab":
            parts.append("\t")
        elif child.tag == TEXT + "line-break":
            parts.append("\n")
        elif child.tag != OFFICE + "annotation":
            _odt_inline(child, parts)
        parts.append(child.tail or "")
