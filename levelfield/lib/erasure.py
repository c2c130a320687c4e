"""Finding a person's names and email addresses in text others wrote, to erase them.

Free of Django so every app that keeps text mentioning people (history, involvement
entries, and later decisions, events, payments) can remove them the same way.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from levelfield.lib.words import FORMER_MEMBER


def identifying_pattern(*, names: Iterable[str], addresses: Iterable[str]) -> re.Pattern | None:
    """One pattern for every way the person was written down: their names as whole
    words (letter case kept, so "Will" does not match "will") and their addresses in
    any letter case. Longest first, so an address goes before the name inside it."""
    alternatives = [(value, re.escape(value)) for value in names if value]
    alternatives += [(value, f"(?i:{re.escape(value)})") for value in addresses if value]
    if not alternatives:
        return None
    alternatives.sort(key=lambda pair: len(pair[0]), reverse=True)
    return re.compile(r"(?<!\w)(" + "|".join(regex for _, regex in alternatives) + r")(?!\w)")


def forget(value: Any, pattern: re.Pattern) -> Any:
    """`value` with every match replaced by "A former member", inside strings, lists
    and dicts (history's before and after values) alike."""
    if isinstance(value, str):
        return pattern.sub(FORMER_MEMBER, value)
    if isinstance(value, list):
        return [forget(item, pattern) for item in value]
    if isinstance(value, dict):
        return {key: forget(item, pattern) for key, item in value.items()}
    return value
