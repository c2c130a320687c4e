"""Reading what a page shows, for tests that check what people see."""

from __future__ import annotations

import re
from html import unescape


def text(html: str) -> str:
    """The page's words with tags removed and spaces squeezed, as a reader hears them."""
    # Inline elements join their neighbours; block elements separate words.
    inline = re.sub(r"</?(?:span|strong|a|em|abbr)\b[^>]*>", "", html)
    without_tags = re.sub(r"<[^>]+>", " ", inline)
    return " ".join(unescape(without_tags).split())


def member_groups(html: str) -> dict[str, list[str]]:
    """Headings in the 'People in the project' section and the names listed under each."""
    section = html.split("People in the project", 1)[1].split("Research cycle", 1)[0]
    groups: dict[str, list[str]] = {}
    for heading, body in re.findall(r"<h3[^>]*>(.*?)</h3>\s*<ul[^>]*>(.*?)</ul>", section, re.S):
        names = re.findall(r"<li><a [^>]*>(.*?)</a>", body)
        groups[unescape(re.sub(r" \(\d+\)$", "", heading.strip()))] = [unescape(n) for n in names]
    return groups


def error_summary_links(html: str) -> dict[str, str]:
    """{message: link target} in the GOV.UK error summary."""
    if "govuk-error-summary" not in html:
        return {}
    summary = html.split("govuk-error-summary__list", 1)[1].split("</ul>", 1)[0]
    return {
        unescape(message.strip()): target
        for target, message in re.findall(r'<a href="([^"]+)">(.*?)</a>', summary, re.S)
    }
