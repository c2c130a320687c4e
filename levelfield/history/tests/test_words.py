"""People read a change's values in words: money in pounds and pence, never raw decimals."""

from __future__ import annotations

from levelfield.history.words import value_words, values_words


def test_a_claims_old_history_row_reads_as_pounds_and_pence() -> None:
    rows = values_words({"status": "Draft", "expenses": "4.80000000000000", "total": "42.3"})
    assert rows == [("Status", "Draft"), ("Expenses", "£4.80"), ("Total", "£42.30")]


def test_other_values_read_plainly() -> None:
    assert value_words("claims", 3) == "3"
    assert value_words("hours", "1.50000") == "1.5"
    assert value_words("shared", True) == "yes"
    assert value_words("note", "") == "(none)"
    assert value_words("topics", ["stroke", "carers"]) == "stroke; carers"
    assert value_words("title", "Co-Pro Cuppa") == "Co-Pro Cuppa"
