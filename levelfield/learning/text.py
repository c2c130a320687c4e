"""Course pages are written in Markdown and shown as sanitised HTML.

The shared policy in `levelfield.lib.markdown` renders and sanitises it, with images
and tables added, so nothing a writer types can run a script or restyle the page.
Images must have alt text and live on Levelfield
itself (the Content-Security-Policy allows images from this site only); `problems`
says what to fix, in words a writer understands.
"""

from __future__ import annotations

from html.parser import HTMLParser

from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from levelfield.lib import markdown

# Beyond the shared policy: images (kept only when stored here) and tables.
EXTRA_TAGS = {"img", "table", "thead", "tbody", "tr", "th", "td"}
EXTRA_ATTRIBUTES = {"img": {"src", "alt"}, "th": {"scope"}}
EXTENSIONS = ("tables", "sane_lists")


def _markdown_html(text: str) -> str:
    return markdown.to_html(text, extensions=EXTENSIONS)


def _keep_local_images(tag: str, attribute: str, value: str) -> str | None:
    if tag == "img" and attribute == "src" and not _is_local(value):
        return None
    return value


def _is_local(src: str) -> bool:
    """Whether `src` is a path on this site. Browsers read a backslash as a slash and
    drop tabs and newlines inside an address, so `/\\evil.example/x.png` or
    `/<tab>/evil.example` means another host: both are refused, as is anything Django's
    own check finds a host or scheme in."""
    if any(char == "\\" or char.isspace() or not char.isprintable() for char in src):
        return False
    return (
        src.startswith("/")
        and not src.startswith("//")
        and url_has_allowed_host_and_scheme(src, allowed_hosts=None)
    )


def render(text: str) -> SafeString:
    """The page's Markdown as HTML that is safe to put in a template. A writer's #
    heading becomes h2, like ## (the page title is the only h1)."""
    html = markdown.render(
        text,
        extensions=EXTENSIONS,
        extra_tags=EXTRA_TAGS,
        extra_attributes=EXTRA_ATTRIBUTES,
        attribute_filter=_keep_local_images,
    )
    return mark_safe(html)  # noqa: S308 - sanitised by lib.markdown


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
            _(
                "Every image needs alt text: describe it between the square brackets, "
                "for example ![Four people around a table](/static/meeting.png)"
            )
        )
    if any(not _is_local(image.get("src", "")) for image in parser.images):
        found.append(
            _(
                "Images must be stored on Levelfield (their address starts with /); "
                "link to pictures elsewhere instead"
            )
        )
    return found
