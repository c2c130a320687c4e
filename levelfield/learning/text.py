"""Course pages are written in Markdown and shown as sanitised HTML.

Markdown (Python-Markdown) turns the text into HTML; nh3 (the Rust ammonia sanitiser)
then keeps only the tags and attributes a course page needs, so nothing a writer types
can run a script or restyle the page. Images must have alt text and live on Levelfield
itself (the Content-Security-Policy allows images from this site only); `problems`
says what to fix, in words a writer understands.
"""

from __future__ import annotations

from html.parser import HTMLParser

import markdown
import nh3
from django.utils.safestring import SafeString, mark_safe

TAGS = {
    "p", "br", "hr", "h2", "h3", "h4", "ul", "ol", "li", "strong", "em", "a", "img",
    "blockquote", "code", "pre", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt"}, "th": {"scope"}}

# The page title is the only h1: a writer's # heading becomes h2, like ##.
_HEADING_SHIFT = {"h1": "h2", "h5": "h4", "h6": "h4"}


def _markdown_html(text: str) -> str:
    return markdown.markdown(text, extensions=["tables", "sane_lists"], output_format="html")


def _shift_headings(html: str) -> str:
    for old, new in _HEADING_SHIFT.items():
        html = html.replace(f"<{old}>", f"<{new}>").replace(f"</{old}>", f"</{new}>")
    return html


def _keep_local_images(tag: str, attribute: str, value: str) -> str | None:
    if tag == "img" and attribute == "src" and not _is_local(value):
        return None
    return value


def _is_local(src: str) -> bool:
    return src.startswith("/") and not src.startswith("//")


def render(text: str) -> SafeString:
    """The page's Markdown as HTML that is safe to put in a template."""
    html = nh3.clean(
        _shift_headings(_markdown_html(text)),
        tags=TAGS,
        attributes=ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
        attribute_filter=_keep_local_images,
    )
    return mark_safe(html)  # noqa: S308 - nh3 has just sanitised it


class _Images(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.images: list[dict[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "img":
            self.images.append({name: value or "" for name, value in attrs})


def problems(text: str) -> list[str]:
    """What a writer must fix before the page is saved (empty when it is fine)."""
    parser = _Images()
    parser.feed(_markdown_html(text))
    found = []
    if any(not image.get("alt", "").strip() for image in parser.images):
        found.append(
            "Every image needs alt text: describe it between the square brackets, "
            "for example ![Four people around a table](/static/meeting.png)"
        )
    if any(not _is_local(image.get("src", "")) for image in parser.images):
        found.append(
            "Images must be stored on Levelfield (their address starts with /); "
            "link to pictures elsewhere instead"
        )
    return found
