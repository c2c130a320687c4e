"""A team uploads a transcript in whatever form they have it and gets its text back, or
a plain sentence saying why not. Files are built here, byte by byte, so the tests need
no fixtures on disk and show exactly what each format holds."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from levelfield.analysis import extract
from levelfield.analysis.extract import UnreadableFile, text_from_upload

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def upload(data: bytes, name: str = "transcript.txt") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def zipped(entries: dict[str, bytes], *, stored_first: str | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        if stored_first:
            archive.writestr(stored_first, entries[stored_first], zipfile.ZIP_STORED)
        for name, data in entries.items():
            if name != stored_first:
                archive.writestr(name, data)
    return buffer.getvalue()


def docx(body: str) -> bytes:
    document = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:document xmlns:w="{W_NS}"><w:body>{body}</w:body></w:document>'
    )
    return zipped(
        {
            "[Content_Types].xml": b"<Types/>",
            "word/document.xml": document.encode(),
        }
    )


def odt(body: str) -> bytes:
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
        ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
        ' xmlns:dc="http://purl.org/dc/elements/1.1/">'
        f"<office:body><office:text>{body}</office:text></office:body>"
        "</office:document-content>"
    )
    return zipped(
        {"mimetype": extract.ODT_MIMETYPE, "content.xml": content.encode()},
        stored_first="mimetype",
    )


def pdf(*pages: list[str]) -> bytes:
    """A minimal PDF with one line of Helvetica text per string, one page per list."""
    objects: list[bytes] = [b"", b""]  # 1: catalog, 2: pages (filled in below)
    font = len(objects) + 1
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    kids = []
    for lines in pages:
        commands = ["BT /F1 12 Tf 72 720 Td 14 TL"]
        for line in lines:
            escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
            commands.append(f"({escaped}) Tj T*")
        commands.append("ET")
        stream = "\n".join(commands).encode("latin-1")
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
        contents = len(objects)
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents %d 0 R "
            b"/Resources << /Font << /F1 %d 0 R >> >> >>" % (contents, font)
        )
        kids.append(len(objects))
    objects[0] = b"<< /Type /Catalog /Pages 2 0 R >>"
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % kid for kid in kids),
        len(kids),
    )
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def refused(data: bytes, name: str = "file.txt") -> str:
    with pytest.raises(UnreadableFile) as caught:
        text_from_upload(upload(data, name))
    return str(caught.value)


# Plain text


def test_a_plain_text_transcript_keeps_its_paragraphs_with_tidy_line_endings() -> None:
    data = b"Interviewer: How was it?\r\nParticipant: Fine.   \r\n\r\n\r\n\r\nNext bit\rend"
    assert text_from_upload(upload(data)) == (
        "Interviewer: How was it?\nParticipant: Fine.\n\nNext bit\nend"
    )


def test_utf8_with_a_byte_order_mark_and_accents_is_read() -> None:
    data = "\ufeffSiân said “café” — fine".encode()
    assert text_from_upload(upload(data)) == "Siân said “café” — fine"


def test_utf16_with_a_byte_order_mark_is_read() -> None:
    assert text_from_upload(upload("Zoë’s notes".encode("utf-16"))) == "Zoë’s notes"


def test_text_in_another_encoding_is_refused_asking_for_utf8() -> None:
    message = refused("Siân".encode("latin-1"))
    assert message.startswith("The text file must be saved as UTF-8")


def test_an_empty_file_is_refused() -> None:
    assert refused(b"") == "The file is empty"


def test_a_file_of_only_spaces_has_no_text() -> None:
    assert refused(b"  \n\n \r\n") == "We could not find any text in the file"


def test_a_file_over_5_mb_is_refused_before_it_is_read() -> None:
    assert refused(b"a" * (extract.MAX_BYTES + 1)) == "The file must be smaller than 5 MB"


def test_the_content_decides_not_the_name() -> None:
    picture = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"
    assert refused(picture, "notes.txt") == extract.ACCEPTED
    assert text_from_upload(upload(b"Just text", "report.pdf")) == "Just text"


# Word


def test_a_word_document_gives_one_paragraph_per_paragraph() -> None:
    body = (
        "<w:p><w:r><w:t>First </w:t></w:r><w:r><w:t>paragraph.</w:t></w:r></w:p>"
        "<w:p/>"
        "<w:p><w:r><w:t>Second</w:t><w:tab/><w:t>tabbed</w:t><w:br/>"
        "<w:t>new line</w:t></w:r></w:p>"
        "<w:p><w:del><w:r><w:delText>deleted</w:delText></w:r></w:del>"
        "<w:r><w:instrText>PAGE</w:instrText><w:t>kept</w:t></w:r></w:p>"
        "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>In a table</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
    )
    assert text_from_upload(upload(docx(body), "x.bin")) == (
        "First paragraph.\n\nSecond\ttabbed\nnew line\n\nkept\n\nIn a table"
    )


def test_a_word_document_with_a_dtd_is_refused_as_damaged() -> None:
    document = (
        '<?xml version="1.0"?><!DOCTYPE lol [<!ENTITY lol "lol">]>'
        f'<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>&lol;</w:t></w:r></w:p>'
        "</w:body></w:document>"
    )
    data = zipped({"word/document.xml": document.encode()})
    assert refused(data).startswith("We could not open the file: it may be damaged")


def test_a_document_nested_thousands_deep_is_refused_as_damaged() -> None:
    body = "<w:sdt>" * 5000 + "<w:p><w:r><w:t>deep</w:t></w:r></w:p>" + "</w:sdt>" * 5000
    assert refused(docx(body)).startswith("We could not open the file: it may be damaged")


def test_a_zip_bomb_is_refused_without_inflating_it() -> None:
    huge = b"<w:document>" + b" " * (30 * 1024 * 1024) + b"</w:document>"
    data = zipped({"word/document.xml": huge})
    assert len(data) < extract.MAX_BYTES
    assert "unpacks to far more than its size" in refused(data)


def test_a_zip_that_is_not_a_document_is_refused() -> None:
    assert refused(zipped({"photo.jpg": b"\xff\xd8\xff"})) == extract.ACCEPTED


def test_a_damaged_zip_is_refused() -> None:
    assert refused(b"PK\x03\x04garbage").startswith("We could not open the file")


# OpenDocument


def test_an_opendocument_text_gives_its_paragraphs_and_headings() -> None:
    body = (
        "<text:h>Focus group</text:h>"
        "<text:p>Two<text:s text:c='3'/>spaces<text:tab/>tab <text:span>spanned</text:span>"
        " tail<text:line-break/>next</text:p>"
        "<text:p>Said<office:annotation><dc:creator>A</dc:creator><text:p>a comment</text:p>"
        "</office:annotation> this.</text:p>"
        "<text:list><text:list-item><text:p>Listed</text:p></text:list-item></text:list>"
    )
    assert text_from_upload(upload(odt(body), "x")) == (
        "Focus group\n\nTwo   spaces\ttab spanned tail\nnext\n\nSaid this.\n\nListed"
    )


def test_an_opendocument_spreadsheet_is_refused() -> None:
    data = zipped(
        {"mimetype": b"application/vnd.oasis.opendocument.spreadsheet", "content.xml": b"<a/>"}
    )
    assert refused(data) == extract.ACCEPTED


# PDF


def test_a_pdf_gives_its_text_page_by_page() -> None:
    data = pdf(["Interview one", "It went well (mostly)"], ["Page two"])
    text = text_from_upload(upload(data, "t.pdf"))
    assert text.split("\n\n") == ["Interview one\nIt went well (mostly)", "Page two"]


def test_a_pdf_without_text_is_probably_a_scan() -> None:
    assert refused(pdf([])).startswith("We could not read any text in this PDF")


def test_a_damaged_pdf_is_refused() -> None:
    assert refused(b"%PDF-1.4\nnothing else").startswith("We could not read")


# Messages


def test_every_message_is_a_plain_sentence_naming_the_problem() -> None:
    for data in (b"", b"\x00\x01\x02", "é".encode("cp1252"), pdf([])):
        message = refused(data)
        assert message[0].isupper()
        assert "Error" not in message and "Exception" not in message


def test_a_pdf_with_too_many_pages_is_refused() -> None:
    data = pdf(*[["x"]] * (extract.MAX_PDF_PAGES + 1))
    assert refused(data) == f"The PDF must have at most {extract.MAX_PDF_PAGES} pages"


def test_a_pdf_locked_with_a_password_is_refused() -> None:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(pdf(["Secret"]))))
    writer.encrypt("a password", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    assert refused(buffer.getvalue()).startswith("The PDF is protected by a password")


def test_a_pdf_locked_only_against_editing_is_read() -> None:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(pdf(["Open to read"]))))
    writer.encrypt(user_password="", owner_password="owner", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    assert text_from_upload(upload(buffer.getvalue())) == "Open to read"
