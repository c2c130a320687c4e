"""The money rules: one rounding, bands, tax years, and export totals equal to the sum
of their lines."""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import date, datetime
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from levelfield.payments import exports
from levelfield.payments.money import Bands, Rates, fee_for, pounds, tax_year_of

RATES = Rates(Decimal("25.00"), Decimal("75.00"), Decimal("150.00"))
BANDS = Bands(120, 240)
amounts = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("99999.99"), places=2)
rows = st.lists(
    st.builds(
        exports.Row,
        payee=st.just("P000001"),
        claim=st.sampled_from(["C000001", "C000002"]),
        line=st.integers(1, 9),
        kind=st.sampled_from(["fee", "voucher", "expense"]),
        description=st.text(max_size=30),
        activity_date=st.just("2026-10-01"),
        cost_code=st.just("PPI"),
        amount=amounts,
    ),
    max_size=40,
)


def test_rounding_is_once_and_half_up() -> None:
    assert pounds(Decimal("2.345")) == Decimal("2.35")
    assert pounds(Decimal("2.344")) == Decimal("2.34")
    # 20 minutes at £25 an hour is £8.333..., rounded once.
    assert fee_for(20, RATES, BANDS).amount == Decimal("8.33")


def test_hours_become_a_fee_by_the_bands() -> None:
    assert fee_for(120, RATES, BANDS).amount == Decimal("50.00")
    assert fee_for(121, RATES, BANDS).amount == Decimal("75.00")
    assert fee_for(241, RATES, BANDS).amount == Decimal("150.00")


def test_the_tax_year_runs_from_6_april_to_5_april() -> None:
    assert tax_year_of(date(2027, 4, 5)) == (date(2026, 4, 6), date(2027, 4, 5))
    assert tax_year_of(date(2027, 4, 6)) == (date(2027, 4, 6), date(2028, 4, 5))


@given(rows)
def test_export_totals_equal_the_sum_of_their_lines(lines: list[exports.Row]) -> None:
    parsed = list(csv.reader(io.StringIO(exports.csv_bytes("B00001", lines).decode())))
    body, total = parsed[1:-1], parsed[-1]
    assert sum((Decimal(row[8]) for row in body), Decimal("0")) == Decimal(total[8])
    assert Decimal(total[8]) == sum((row.amount for row in lines), Decimal("0.00"))


@settings(deadline=None, max_examples=30)  # the first call imports openpyxl
@given(rows)
def test_the_same_batch_gives_the_same_spreadsheet_bytes(lines: list[exports.Row]) -> None:
    made = datetime(2026, 10, 1, 12, 0)
    first = exports.xlsx_bytes("B00001", lines, created=made)
    assert first == exports.xlsx_bytes("B00001", lines, created=made)
    assert zipfile.ZipFile(io.BytesIO(first)).testzip() is None
