"""A batch's files for the finance system: CSV and XLSX with the same rows.

Rows are one per fee (or voucher) and one per expense, with the payee reference, the
claim reference and a cost code; bank details are never here (the finance system
holds them against the payee reference). Writing the same rows twice gives the same
bytes: the XLSX has fixed document properties and fixed times inside its zip.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from levelfield.payments.money import ZERO

HEADINGS = [
    "Batch",
    "Payee reference",
    "Claim reference",
    "Line",
    "Kind",
    "Description",
    "Activity date",
    "Cost code",
    "Amount (GBP)",
]
# The earliest time a zip file can hold: every entry gets it, so bytes never depend on
# when the file was written.
ZIP_TIME = (1980, 1, 1, 0, 0, 0)


@dataclass(frozen=True)
class Row:
    payee: str
    claim: str
    line: int
    kind: str
    description: str
    activity_date: str
    cost_code: str
    amount: Decimal


def total_of(rows: Iterable[Row]) -> Decimal:
    return sum((row.amount for row in rows), ZERO)


def csv_bytes(batch_reference: str, rows: list[Row]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADINGS)
    for row in rows:
        writer.writerow(_cells(batch_reference, row, as_text=True))
    writer.writerow(["", "", "", "", "Total", "", "", "", f"{total_of(rows):.2f}"])
    return out.getvalue().encode("utf-8")


def xlsx_bytes(batch_reference: str, rows: list[Row], *, created: datetime) -> bytes:
    """The same rows as a spreadsheet; `created` (naive UTC) is the batch's own time."""
    from openpyxl import Workbook
    from openpyxl.writer.excel import ExcelWriter

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = batch_reference
    sheet.append(HEADINGS)
    for row in rows:
        sheet.append(_cells(batch_reference, row, as_text=False))
    sheet.append(["", "", "", "", "Total", "", "", "", total_of(rows)])
    for cell in sheet["I"][1:]:
        cell.number_format = "0.00"
    properties = workbook.properties
    properties.creator = properties.lastModifiedBy = "Levelfield"
    properties.title = f"Payment batch {batch_reference}"
    properties.created = properties.modified = created
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(workbook, archive).save()
    return _fixed_times(raw.getvalue())


def _cells(batch_reference: str, row: Row, *, as_text: bool) -> list[object]:
    return [
        batch_reference,
        row.payee,
        row.claim,
        row.line,
        row.kind,
        _safe_text(row.description),
        row.activity_date,
        row.cost_code,
        f"{row.amount:.2f}" if as_text else row.amount,
    ]


# Control characters a spreadsheet cannot hold (as openpyxl's ILLEGAL_CHARACTERS_RE).
_ILLEGAL = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")


def _safe_text(text: str) -> str:
    """Text people typed, made safe for spreadsheets: no control characters, and a
    leading = + - @ cannot start a formula in the finance officer's spreadsheet."""
    text = _ILLEGAL.sub("", text)
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


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
