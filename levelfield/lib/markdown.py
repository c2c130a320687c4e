"""Markdown written by people, made safe to show: one sanitising policy for every app.

Python-Markdown renders the text and nh3 (the Ammonia sanitiser) then keeps only
harmless tags, so no script, style or event handler ever reaches a page (the
Content-Security-Policy would refuse them anyway). Framework-free: this returns a
plain `str`; each app marks it safe for its templates.

The policy:
- Tags kept: paragraphs and line breaks (p, br, hr), emphasis (strong, em), lists
  (ul, ol, li), links (a), headings h2 to h4, quotes and code (blockquote, code, pre).
  Any other tag is removed and its text kept; script and style go with their content.
- Attributes kept: a link's href and title. Nothing else (no style, class, id or
  on... handler).
- Links: only http, https and mailto addresses (a javascript: link loses its href),
  and every link gets rel="nofollow noopener".
- Headings: the page has its own h1, so a writer's headings are moved into the levels
  the page allows (`heading_levels`, h2 to h4 unless an app says otherwise): # becomes
  h2, ##### becomes h4.

An app needing more (learning's images and tables) passes `extra_tags`,
`extra_attributes`, Markdown `extensions` and an nh3 `attribute_filter`; its own rules
(e.g. images need alt text) stay in the app.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping

import markdown
import nh3

TAGS = frozenset(
    {"p", "br", "hr", "strong", "em", "ul", "ol", "li", "a", "blockquote", "code", "pre"}
)
ATTRIBUTES: Mapping[str, frozenset[str]] = {"a": frozenset({"href", "title"})}
URL_SCHEMES = frozenset({"http", "https", "mailto"})
LINK_REL = "nofollow noopener"
HEADING_LEVELS = (2, 4)
EXTENSIONS = ("sane_lists",)

AttributeFilter = Callable[[str, str, str], str | None]

_HEADING_TAG = re.compile(r"<(/?)h([1-6])([\s>])")


def to_html(text: str, *, extensions: Iterable[str] = EXTENSIONS) -> str:
    """Markdown `text` as HTML, NOT yet sanitised (for apps that inspect it, e.g. to
    check images' alt text). Use `render` for anything shown on a page."""
    return markdown.markdown(text or "", extensions=list(extensions), output_format="html")


def shift_headings(html: str, *, levels: tuple[int, int] = HEADING_LEVELS) -> str:
    """Headings moved into `levels` (top, bottom): higher ones become the top level,
    lower ones the bottom level."""
    top, bottom = levels

    def moved(match: re.Match[str]) -> str:
        level = min(max(int(match.group(2)), top), bottom)
        return f"<{match.group(1)}h{level}{match.group(3)}"

    return _HEADING_TAG.sub(moved, html)


def clean(
    html: str,
    *,
    heading_levels: tuple[int, int] = HEADING_LEVELS,
    extra_tags: Iterable[str] = (),
    extra_attributes: Mapping[str, Iterable[str]] | None = None,
    attribute_filter: AttributeFilter | None = None,
) -> str:
    """`html` with only the policy's tags, attributes and link addresses left."""
    top, bottom = heading_levels
    tags = set(TAGS) | {f"h{level}" for level in range(top, bottom + 1)} | set(extra_tags)
    attributes = {tag: set(names) for tag, names in ATTRIBUTES.items()}
    for tag, names in (extra_attributes or {}).items():
        attributes.setdefault(tag, set()).update(names)
    return nh3.clean(
        shift_headings(html, levels=heading_levels),
        tags=tags,
        attributes=attributes,
        url_schemes=set(URL_SCHEMES),
        link_rel=LINK_REL,
        attribute_filter=attribute_filter,
    )


# Kept HTML is keyed by a digest of its text, so it is right whatever changed the text
# (an edit, a translation, erasure); a day bounds what it keeps.
KEPT_SECONDS = 24 * 60 * 60


def render_kept(text: str) -> str:
    """`render(text)` under the default policy, made once per text and kept: building
    the parser is most of the cost of a short text shown on every request."""
    from levelfield.lib import cache

    return cache.versioned(
        "markdown", (cache.digest(text),), lambda: render(text), seconds=KEPT_SECONDS
    )


def render(
    text: str,
    *,
    heading_levels: tuple[int, int] = HEADING_LEVELS,
    extensions: Iterable[str] = EXTENSIONS,
    extra_tags: Iterable[str] = (),
    extra_attributes: Mapping[str, Iterable[str]] | None = None,
    attribute_filter: AttributeFilter | None = None,
) -> str:
    """Sanitised HTML for Markdown `text`, under the policy above."""
    return clean(
        to_html(text, extensions=extensions),
        heading_levels=heading_levels,
        extra_tags=extra_tags,
        extra_attributes=extra_attributes,
        attribute_filter=attribute_filter,
    )
