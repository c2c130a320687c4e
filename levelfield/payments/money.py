"""Money rules, free of Django models: pounds sterling as `Decimal` with 2 places.

The rounding rule (the only one): each line (one activity's fee, one expense) is
worked out exactly and rounded once, to the penny, half up (2.345 -> 2.35). Totals
are sums of rounded lines and are never rounded again, so every total in an export
equals the sum of the lines beside it.

The hours-to-fee rule: time up to `hourly_up_to` minutes is paid by the hour (pro
rata to the minute); over that and up to `half_day_up_to` minutes, the half-day rate;
over that, the day rate. Each collective sets both limits in its policy.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

PENNY = Decimal("0.01")
ZERO = Decimal("0.00")


def pounds(value: Decimal | int | str) -> Decimal:
    """Round once to the penny, half up. Refuses what is not a number."""
    try:
        return Decimal(value).quantize(PENNY, rounding=ROUND_HALF_UP)
    except InvalidOperation:
        raise ValueError(f"{value!r} is not an amount of money") from None


def money(value: Decimal | None) -> str:
    """'£1,234.50'."""
    return f"£{(value or ZERO):,.2f}"


class Basis:
    HOURLY = "hourly"
    HALF_DAY = "half_day"
    DAY = "day"


BASIS_WORDS = {Basis.HOURLY: "by the hour", Basis.HALF_DAY: "half day", Basis.DAY: "day"}


@dataclass(frozen=True)
class Rates:
    hourly: Decimal
    half_day: Decimal
    day: Decimal


@dataclass(frozen=True)
class Bands:
    hourly_up_to: int  # minutes
    half_day_up_to: int  # minutes


@dataclass(frozen=True)
class Fee:
    basis: str
    rate: Decimal
    amount: Decimal


def fee_for(minutes: int, rates: Rates, bands: Bands) -> Fee:
    """The fee for `minutes` of paid time under `rates` and `bands`."""
    if minutes <= 0:
        return Fee(Basis.HOURLY, rates.hourly, ZERO)
    if minutes <= bands.hourly_up_to:
        return Fee(Basis.HOURLY, rates.hourly, pounds(rates.hourly * minutes / 60))
    if minutes <= bands.half_day_up_to:
        return Fee(Basis.HALF_DAY, rates.half_day, pounds(rates.half_day))
    return Fee(Basis.DAY, rates.day, pounds(rates.day))


def tax_year_of(day: date) -> tuple[date, date]:
    """The UK tax year holding `day`: 6 April to 5 April."""
    start_year = day.year if (day.month, day.day) >= (4, 6) else day.year - 1
    return date(start_year, 4, 6), date(start_year + 1, 4, 5)


def median(values: list[int]) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return float(ordered[middle])
    return (ordered[middle - 1] + ordered[middle]) / 2
