"""The one writer of CSV and XLSX files people download: every export goes through it.

Text people typed is never allowed to become a formula in the spreadsheet that opens
the file (OWASP "CSV injection"): a text cell starting with = + - @, a tab or a
carriage return (or their full-width forms, which some spreadsheets also accept) is
written with a leading apostrophe in CSV, and as a plain string cell with Excel's
"quote prefix" in XLSX. Numbers (int, Decimal, float) are written as numbers, so a
finance system still reads amounts, and a negative number is never mistaken for a
formula. Control characters a spreadsheet cannot hold are removed.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Protocol

Cell = str | int | Decimal | float | date | None

# The characters that make a spreadsheet read a cell as a formula (OWASP), and the
# full-width forms of the first four.
FORMULA_STARTS = frozenset("=+-@\t\r\uff1d\uff0b\uff0d\uff20")
# Control characters a spreadsheet cannot hold (as openpyxl's ILLEGAL_CHARACTERS_RE).
_ILLEGAL = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")
# The earliest time a zip file can hold: every entry of an XLSX gets it, so the bytes
# never depend on when the file was written.
ZIP_TIME = (1980, 1, 1, 0, 0, 0)


class _Writable(Protocol):
    def write(self, text: str, /) -> object: ...


def is_formula_text(text: str) -> bool:
    return text[:1] in FORMULA_STARTS


def safe_text(text: str) -> str:
    """Text as a CSV cell: no control characters, no formula, and line breaks as "\n"
    (csv quotes a cell holding one; a lone "\r" it leaves bare, which a spreadsheet
    reads as a new row whose first cell could be a formula)."""
    text = _ILLEGAL.sub("", text)
    if is_formula_text(text):
        text = "'" + text
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _csv_cell(value: Cell) -> object:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | Decimal | float):
        return value
    if isinstance(value, datetime | date):
        return value.isoformat()
    return safe_text(str(value))


class CsvWriter:
    """csv.writer whose every cell is made safe; write to a file, a StringIO or an
    HttpResponse."""

    def __init__(self, out: _Writable, *, lineterminator: str = "\r\n") -> None:
        self._writer = csv.writer(out, lineterminator=lineterminator)

    def writerow(self, cells: Sequence[Cell]) -> None:
        self._writer.writerow([_csv_cell(cell) for cell in cells])

    def writerows(self, rows: Iterable[Sequence[Cell]]) -> None:
        for row in rows:
            self.writerow(row)


def csv_text(rows: Iterable[Sequence[Cell]], *, lineterminator: str = "\r\n") -> str:
    out = io.StringIO()
    CsvWriter(out, lineterminator=lineterminator).writerows(rows)
    return out.getvalue()


def xlsx_bytes(
    rows: Iterable[Sequence[Cell]],
    *,
    sheet: str,
    title: str,
    created: datetime,
    number_format: str = "0.00",
) -> bytes:
    """One sheet of rows as an XLSX file. Decimals get `number_format`; `created` (naive
    UTC) is the file's own time, so the same rows give the same bytes."""
    from openpyxl import Workbook
    from openpyxl.writer.excel import ExcelWriter

    workbook = Workbook()
    worksheet = workbook.active
    worksheet.title = sheet[:31]
    for r, cells in enumerate(rows, start=1):
        for c, value in enumerate(cells, start=1):
            _xlsx_cell(worksheet.cell(row=r, column=c), value, number_format)
    properties = workbook.properties
    properties.creator = properties.lastModifiedBy = "Levelfield"
    properties.title = title
    properties.created = properties.modified = created
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(workbook, archive).save()
    return _fixed_times(raw.getvalue())


def _xlsx_cell(cell: object, value: Cell, number_format: str) -> None:
    if value is None or value == "":
        return
    if isinstance(value, bool) or not isinstance(value, int | Decimal | float | date):
        text = _ILLEGAL.sub("", value if isinstance(value, str) else str(value))
        cell.value = text  # type: ignore[attr-defined]
        # openpyxl makes "=..." a formula: keep it a string, shown exactly as typed,
        # and quote-prefixed so editing the cell does not turn it into one either.
        cell.data_type = "s"  # type: ignore[attr-defined]
        if is_formula_text(text):
            cell.quotePrefix = True  # type: ignore[attr-defined]
        return
    cell.value = value  # type: ignore[attr-defined]
    if isinstance(value, Decimal):
        cell.number_format = number_format  # type: ignore[attr-defined]


def _fixed_times(data: bytes) -> bytes:
    """The zip again, every entry dated ZIP_TIME, in the same order."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o600 << 16
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()
