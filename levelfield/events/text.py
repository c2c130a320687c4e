"""Markdown written by people, made safe to show: Python-Markdown renders it and nh3
(the Ammonia sanitiser) keeps only harmless tags, so no script, style or event handler
ever reaches a page (the Content-Security-Policy would refuse them anyway)."""

from __future__ import annotations

import markdown
import nh3
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "ul",
    "ol",
    "li",
    "a",
    "h2",
    "h3",
    "h4",
    "blockquote",
    "code",
    "pre",
    "hr",
}
# GOV.UK classes are added to plain tags by the template's CSS scope (`.levelfield-prose`).
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}


def render_markdown(text: str) -> SafeString:
    """Sanitised HTML for Markdown `text`. Headings start at level 2 (the page has the
    level 1), links get rel="nofollow noopener"."""
    html = markdown.markdown(text or "", extensions=["sane_lists"], output_format="html")
    html = html.replace("<h1>", "<h2>").replace("</h1>", "</h2>")
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="nofollow noopener",
    )
    return mark_safe(clean)  # noqa: S308 - sanitised by nh3 just above
