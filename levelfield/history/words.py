"""Values in a change's before/after, in words for people: money as pounds and pence,
numbers without trailing zeros, yes/no, "(none)". Every history page uses these, so no raw
value such as "4.80000000000000" reaches a person."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

# Keys whose values are amounts of money in pounds, wherever a change records them.
MONEY_KEYS = frozenset(
    {
        "amount",
        "expenses",
        "expense_total",
        "fee",
        "fee_total",
        "income",  # partners: what an organisation paid us for work
        "limit",
        "rate",
        "total",
        "yearly_limit",
    }
)


def _number(value: object) -> Decimal | None:
    if isinstance(value, bool) or not isinstance(value, str | int | float | Decimal):
        return None
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def value_words(key: str, value: object) -> str:
    """One before/after value in words; `key` says what it is (money keys become £1,234.50)."""
    if value is None or value == "" or value == []:
        return "(none)"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return "; ".join(value_words(key, item) for item in value)
    number = _number(value)
    if number is None:
        return str(value)
    if key in MONEY_KEYS:
        return f"£{number:,.2f}"
    if number == number.to_integral_value():
        return f"{number.to_integral_value():,}"
    return f"{number.normalize():,f}"


def key_words(key: str) -> str:
    """'expense_total' -> 'Expense total'."""
    return key.replace("_", " ").capitalize()


def values_words(values: dict[str, object]) -> list[tuple[str, str]]:
    """(what, value) in words for each key of a change's before or after."""
    return [(key_words(key), value_words(key, value)) for key, value in values.items()]
