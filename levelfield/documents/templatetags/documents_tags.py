from __future__ import annotations

from django import template

from levelfield.lib import words

register = template.Library()


@register.filter
def name_or_former(person: object | None) -> str:
    """{{ comment.author|name_or_former }}: their name, or "A former member"."""
    return words.name_or_former(person)
