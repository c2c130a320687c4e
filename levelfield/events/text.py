"""Markdown written by people (event descriptions and notes), made safe to show under
the one policy in `levelfield.lib.markdown`."""

from __future__ import annotations

from django.utils.safestring import SafeString, mark_safe

from levelfield.lib import markdown


def render_markdown(text: str) -> SafeString:
    """Sanitised HTML for Markdown `text`. Headings start at level 2 (the page has the
    level 1), links get rel="nofollow noopener". Made once per text and kept: an event's
    page renders its description, notes and minutes on every request."""
    if not text:
        return mark_safe("")  # noqa: S308 - nothing to sanitise
    return mark_safe(markdown.render_kept(text))  # noqa: S308 - sanitised by lib.markdown
