"""Every breadcrumb trail starts from the same root, Home, and goes through the place
(includes/trail.html): people never meet "Your collectives" on one page, a collective's
name on the next and "Events" on a third as the way back."""

from __future__ import annotations

import re
from pathlib import Path

TEMPLATES = Path(__file__).resolve().parent.parent / "levelfield"
TRAIL = re.compile(r'<ol class="govuk-breadcrumbs__list">(.*?)</ol>', re.S)
FIRST = re.compile(r'\{% include "includes/trail\.html"|<li class="govuk-breadcrumbs__list-item">')
# "Home", marked for translation or not yet.
HOME = re.compile(r"""\{% url 'home' %\}">(?:Home|\{% translate "Home" %\})</a>""")


def _trails() -> list[tuple[Path, str]]:
    found = []
    for path in sorted(TEMPLATES.rglob("*.html")):
        found += [(path, match.group(1)) for match in TRAIL.finditer(path.read_text())]
    return found


def test_every_trail_starts_at_home() -> None:
    trails = _trails()
    wrong = []
    for path, trail in trails:
        first = FIRST.search(trail)
        start = trail[first.start() : first.start() + 250] if first else ""
        if not (start.startswith('{% include "includes/trail.html"') or HOME.search(start)):
            wrong.append(f"{path.relative_to(TEMPLATES)}: {start[:120]!r}")
    assert len(trails) > 30
    assert not wrong, "Breadcrumbs that do not start at Home:\n" + "\n".join(wrong)
