"""Counts, days and times read as people write them (issue 21: no unformatted numbers)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from django.utils import translation

from levelfield.lib.words import day, number, plural, when


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


def test_a_day_and_a_time_read_in_the_sites_time_zone_and_the_readers_language() -> None:
    summer_evening = datetime(2026, 6, 30, 23, 30, tzinfo=UTC)  # 00:30 on 1 July in London
    afternoon = datetime(2026, 11, 3, 14, 5, tzinfo=UTC)
    with translation.override("en"):
        assert day(date(2026, 11, 3)) == "3 November 2026"
        assert day(summer_evening) == "1 July 2026"
        assert when(summer_evening) == "1 July 2026 at 00:30"
        assert when(afternoon) == "3 November 2026 at 14:05"
    with translation.override("cy"):
        # The same moments again, now in Welsh: the words kept for English are not reused.
        assert day(afternoon) == "3 Tachwedd 2026"
        assert when(afternoon) == "3 Tachwedd 2026 am 14:05"
        # Django's own catalogue has "Gorffenaf"; ours spells July right.
        assert day(summer_evening) == "1 Gorffennaf 2026"
    with translation.override("en"):
        assert when(afternoon) == "3 November 2026 at 14:05"


def test_a_day_of_a_datetime_without_a_time_zone_is_taken_as_written() -> None:
    with translation.override("en"):
        assert day(datetime(2026, 3, 5, 23, 59)) == "5 March 2026"
