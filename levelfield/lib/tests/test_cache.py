"""Values kept for a digest of what they show (lib/cache.digested_many): worked out once
while what they show stays the same, afresh as soon as any of it changes."""

from __future__ import annotations

from collections.abc import Callable

from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy

from levelfield.lib import cache


def test_a_row_is_rendered_once_until_what_it_shows_changes() -> None:
    rendered: list[str] = []

    def rows(*titles: str) -> list[str]:
        def item(title: str) -> tuple[tuple[object, ...], Callable[[], str]]:
            def render() -> str:
                rendered.append(title)
                return f"<li>{title}</li>"

            return (title,), render

        return cache.digested_many("tests:row", [item(t) for t in titles], seconds=60)

    assert rows("Book the room", "Send the minutes") == [
        "<li>Book the room</li>",
        "<li>Send the minutes</li>",
    ]
    assert rows("Book the room", "Send the minutes") == [
        "<li>Book the room</li>",
        "<li>Send the minutes</li>",
    ]
    assert rendered == ["Book the room", "Send the minutes"]
    assert rows("Book the big room", "Send the minutes")[0] == "<li>Book the big room</li>"
    assert rendered == ["Book the room", "Send the minutes", "Book the big room"]
    with translation.override("cy"):
        rows("Send the minutes")  # kept once per language: words may differ
    assert rendered[-1] == "Send the minutes" and len(rendered) == 4


def test_pieces_are_read_together_and_only_the_missing_are_worked_out() -> None:
    from levelfield.lib.cache import versioned_many

    made: list[str] = []

    def piece(name: str, version: int) -> tuple[str, tuple[object, ...], object]:
        def compute(before: dict[str, object]) -> str:
            made.append(name)
            return f"{name} v{version} after {sorted(before)}"

        return (f"test:{name}", (1, version), compute)

    first = versioned_many([piece("count", 1), piece("rows", 1)], seconds=60)
    assert first == {
        "test:count": "count v1 after []",
        "test:rows": "rows v1 after ['test:count']",
    }
    assert made == ["count", "rows"]

    again = versioned_many([piece("count", 1), piece("rows", 2)], seconds=60)
    assert again["test:count"] == "count v1 after []"  # kept: not worked out again
    assert again["test:rows"] == "rows v2 after ['test:count']"  # a new version: worked out
    assert made == ["count", "rows", "rows"]


def test_a_kept_value_holds_words_in_the_language_it_was_kept_for() -> None:
    """Lazy translations are kept as words (reading one back cost about 80 µs), and each
    language keeps its own."""

    def totals() -> dict[str, object]:
        return {"rows": [(gettext_lazy("Former members"), 90)], "label": gettext_lazy("Yes")}

    english = cache.versioned("tests:totals", (1,), totals, seconds=60)
    with translation.override("cy"):
        welsh = cache.versioned("tests:totals", (1,), totals, seconds=60)
        welsh_again = cache.versioned_many(
            [("tests:totals", (1,), lambda _values: totals())], seconds=60
        )["tests:totals"]
        in_welsh = (translation.gettext("Former members"), translation.gettext("Yes"))
    assert english == {"rows": [("Former members", 90)], "label": "Yes"}
    assert welsh == welsh_again == {"rows": [(in_welsh[0], 90)], "label": in_welsh[1]}
    assert in_welsh != ("Former members", "Yes")
    for kept in (english, welsh):
        assert not isinstance(kept["label"], Promise)
        assert not isinstance(kept["rows"][0][0], Promise)
