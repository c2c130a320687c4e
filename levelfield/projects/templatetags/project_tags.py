"""Template helpers for the project pages."""

from __future__ import annotations

import re

from django import template

register = template.Library()


@register.filter
def paragraphs(text: str) -> list[str]:
    """Split text people typed into paragraphs at blank lines, so each can be a
    <p class="govuk-body"> (Django's `linebreaks` gives paragraphs without the class)."""
    return [part.strip() for part in re.split(r"\n\s*\n", text or "") if part.strip()]
