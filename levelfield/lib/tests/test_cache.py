"""Values kept for a digest of what they show (lib/cache.digested_many): worked out once
while what they show stays the same, afresh as soon as any of it changes."""

from __future__ import annotations

from collections.abc import Callable

from django.utils import translation

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
