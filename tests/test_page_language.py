"""Pages that open their own <html> (PDFs, exports, emails, the error page) say the
language they are written in, as every page built on the layout does: a PDF takes its
/Lang from it (WeasyPrint), so a screen reader reads a Welsh letter in a Welsh voice."""

from __future__ import annotations

import re
from pathlib import Path

from django.conf import settings

_HTML_TAG = re.compile(r"<html\b[^>]*>", re.I | re.S)
_LANG = re.compile(r"""\blang\s*=\s*(["'])(.*?)\1""", re.S)


def _templates() -> list[Path]:
    return sorted(Path(settings.BASE_DIR, "levelfield").glob("**/templates/**/*.html"))


def test_every_page_with_its_own_html_element_takes_its_language_from_the_reader() -> None:
    fixed = []
    for path in _templates():
        for tag in _HTML_TAG.findall(path.read_text()):
            found = _LANG.search(tag)
            # A template variable or tag: the language spoken when it was rendered.
            if found is None or "{" not in found.group(2):
                fixed.append(f"{path.relative_to(settings.BASE_DIR)}: {tag[:80]}")
    assert not fixed, "Pages with no language, or a fixed one:\n" + "\n".join(fixed)
