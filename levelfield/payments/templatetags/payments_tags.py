"""{{ amount|money }} -> '£1,234.50'."""

from __future__ import annotations

from decimal import Decimal

from django import template

from levelfield.payments import money as rules

register = template.Library()


@register.filter
def money(value: Decimal | None) -> str:
    return rules.money(value)


@register.filter
def days(value: float | None) -> str:
    """12.0 -> '12 days', 1 -> '1 day', None -> 'none yet'."""
    if value is None:
        return "none yet"
    number = int(value) if float(value).is_integer() else value
    return f"{number} day" if number == 1 else f"{number} days"
