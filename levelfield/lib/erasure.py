"""Finding a person's names and email addresses in text others wrote, to erase them.

`identifying_pattern` and `forget` are plain Python; `forget_in` rewrites the rows of a
QuerySet, so every app that keeps text mentioning people removes them the same way
(through `ErasureContext.forget`, lib/manifests.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from django.db.models import Q, TextField
from django.db.models.functions import Cast
from django.utils.text import slugify

from levelfield.lib.words import FORMER_MEMBER

FORMER_SLUG = slugify(FORMER_MEMBER)


def identifying_pattern(*, names: Iterable[str], addresses: Iterable[str]) -> re.Pattern | None:
    """One pattern for every way the person was written down: their names as whole
    words (letter case kept, so "Will" does not match "will") and their addresses in
    any letter case. Longest first, so an address goes before the name inside it."""
    alternatives = [(value, re.escape(value)) for value in names if value]
    alternatives += [(value, f"(?i:{re.escape(value)})") for value in addresses if value]
    if not alternatives:
        return None
    alternatives.sort(key=lambda pair: len(pair[0]), reverse=True)
    words = "|".join(regex for _, regex in alternatives)
    # The same names in web addresses ("/stories/gordons-story/"): lower case, hyphens,
    # perhaps with the s of a possessive.
    slugs = sorted({slugify(value) for value in names if len(value) >= 3} - {""}, key=len)
    in_addresses = "|".join(re.escape(slug) for slug in reversed(slugs))
    pattern = r"(?<!\w)(?P<words>" + words + r")(?!\w)"
    if in_addresses:
        pattern += r"|(?<![a-z0-9])(?P<slug>(?:" + in_addresses + r")s?)(?![a-z0-9])"
    return re.compile(pattern)


def _replacement(match: re.Match) -> str:
    return FORMER_SLUG if match.groupdict().get("slug") else FORMER_MEMBER


def forget(value: Any, pattern: re.Pattern) -> Any:
    """`value` with every match replaced by "A former member" (in a web address,
    "a-former-member"), inside strings, lists and dicts (history's before and after
    values) alike."""
    if isinstance(value, str):
        return pattern.sub(_replacement, value)
    if isinstance(value, list):
        return [forget(item, pattern) for item in value]
    if isinstance(value, dict):
        return {key: forget(item, pattern) for key, item in value.items()}
    return value


TEXT_COLUMNS = {"CharField", "TextField", "JSONField", "EmailField"}  # not slugs: addresses


def text_columns(model: Any) -> list[str]:
    """The model's columns that can hold a name: text and JSON, not choices or files."""
    return [
        field.name
        for field in model._meta.concrete_fields
        if field.get_internal_type() in TEXT_COLUMNS and not field.choices
    ]


def forget_in(rows: Any, pattern: re.Pattern, fields: list[str], terms: Iterable[str] = ()) -> int:
    """Rewrite `fields` of every row in `rows` (a QuerySet) with `forget`; `terms`, when
    given, first narrows the rows in the database to those containing one of them, so a
    big table is not read whole. Returns how many rows changed."""
    if not fields:
        return 0
    rows = _containing(rows, fields, terms)
    changed = []
    for row in rows.iterator():
        before = [getattr(row, name) for name in fields]
        after = [forget(value, pattern) for value in before]
        if before != after:
            for name, value in zip(fields, after, strict=True):
                setattr(row, name, value)
            changed.append(row)
    if changed:
        rows.model.objects.bulk_update(changed, fields, batch_size=500)
    return len(changed)


def _containing(rows: Any, fields: list[str], terms: Iterable[str]) -> Any:
    terms = [term for term in terms if term]
    if not terms:
        return rows
    casts = {f"_text_{name}": Cast(name, TextField()) for name in fields}
    where = Q(pk__in=[])
    for alias in casts:
        for term in terms:
            where |= Q(**{f"{alias}__icontains": term})
    return rows.annotate(**casts).filter(where)
