"""Counts read as people write them (issue 21: no unformatted numbers)."""

from __future__ import annotations

from levelfield.lib.words import number, plural


def test_a_count_agrees_with_its_word_and_has_commas_past_999() -> None:
    assert plural(1, "person") == "1 person"
    assert plural(0, "vote") == "0 votes"
    assert plural(999, "reply", "replies") == "999 replies"
    assert plural(12400, "person") == "12,400 people"


def test_a_number_alone_has_commas_past_999() -> None:
    assert [number(n) for n in (0, 999, 1000, 20000, 1234567)] == [
        "0",
        "999",
        "1,000",
        "20,000",
        "1,234,567",
    ]
