"""A batch's files for the finance system: CSV and XLSX with the same rows.

Rows are one per fee (or voucher) and one per expense, with the payee reference, the
claim reference and a cost code; bank details are never here (the finance system
holds them against the payee reference). Writing the same rows twice gives the same
bytes (see levelfield.lib.spreadsheets, the writer of every export).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from levelfield.lib import spreadsheets
from levelfield.payments.money import PENNY, ZERO

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
    return spreadsheets.csv_text(_table(batch_reference, rows)).encode("utf-8")


def xlsx_bytes(batch_reference: str, rows: list[Row], *, created: datetime) -> bytes:
    """The same rows as a spreadsheet; `created` (naive UTC) is the batch's own time."""
    return spreadsheets.xlsx_bytes(
        _table(batch_reference, rows),
        sheet=batch_reference,
        title=f"Payment batch {batch_reference}",
        created=created,
    )


def _table(batch_reference: str, rows: list[Row]) -> list[list[spreadsheets.Cell]]:
    """Headings, a line per row, the total. Amounts are numbers to two places (the
    finance system reads them as amounts); text people typed is made safe by the
    writer."""
    table: list[list[spreadsheets.Cell]] = [list(HEADINGS)]
    for row in rows:
        table.append(
            [
                batch_reference,
                row.payee,
                row.claim,
                row.line,
                row.kind,
                row.description,
                row.activity_date,
                row.cost_code,
                row.amount.quantize(PENNY),
            ]
        )
    table.append(["", "", "", "", "Total", "", "", "", total_of(rows).quantize(PENNY)])
    return table
