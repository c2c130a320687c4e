"""Markdown written by people (event descriptions and notes), made safe to show under
the one policy in `levelfield.lib.markdown`."""

from __future__ import annotations

import hashlib

from django.utils.safestring import SafeString, mark_safe

from levelfield.lib import cache, markdown

# Kept HTML is keyed by a digest of the text it is made from, so it is right whatever
# changed the text (an edit, a translation, erasure); a day bounds what it keeps.
HTML_SECONDS = 24 * 60 * 60


def render_markdown(text: str) -> SafeString:
    """Sanitised HTML for Markdown `text`. Headings start at level 2 (the page has the
    level 1), links get rel="nofollow noopener". Made once per text and kept: an event's
    page renders its description, notes and minutes on every request."""
    if not text:
        return mark_safe("")  # noqa: S308 - nothing to sanitise
    digest = hashlib.sha256(text.encode()).hexdigest()
    html = cache.versioned(
        "events:markdown", (digest,), lambda: markdown.render(text), seconds=HTML_SECONDS
    )
    return mark_safe(html)  # noqa: S308 - sanitised by lib.markdown
