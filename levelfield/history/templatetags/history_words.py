"""{% for what, value in change.after|in_words %}: a change's values in words for people."""

from __future__ import annotations

from django import template

from levelfield.history.words import value_words, values_words

register = template.Library()


@register.filter
def in_words(values: dict[str, object]) -> list[tuple[str, str]]:
    return values_words(values or {})


@register.filter
def value_in_words(value: object, key: str = "") -> str:
    return value_words(key, value)
