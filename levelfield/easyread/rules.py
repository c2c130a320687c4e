"""The easy read rules a point's words are held to, in one place for the form and the
service: short (at most `MAX_WORDS` words) and one idea (at most `MAX_SENTENCES`
sentences). They are errors, not warnings: a reader who needs easy read cannot skip a
long point, and the writer can always split it into two."""

from __future__ import annotations

import re

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

MAX_WORDS = 25
MAX_SENTENCES = 2
MAX_POINTS = 30

# A sentence ends at . ! or ? followed by a space and more words (so "£12.50" and a
# closing full stop do not count as two).
_SENTENCE_END = re.compile(r"[.!?]+[\"”’)]*\s+(?=\S)")


def words_in(text: str) -> int:
    return len(text.split())


def sentences_in(text: str) -> int:
    text = text.strip()
    return len(_SENTENCE_END.findall(text)) + 1 if text else 0


def point_problems(text: str) -> list[str]:
    """What breaks the rules in one point's words, in plain English (none: it is fine)."""
    problems = []
    words = words_in(text)
    if words > MAX_WORDS:
        problems.append(
            ngettext(
                "This point has %(count)d word. Use %(most)d words or fewer: split it into "
                "two points.",
                "This point has %(count)d words. Use %(most)d words or fewer: split it into "
                "two points.",
                words,
            )
            % {"count": words, "most": MAX_WORDS}
        )
    sentences = sentences_in(text)
    if sentences > MAX_SENTENCES:
        problems.append(
            _(
                "This point has %(count)d sentences. Keep one idea to a point, in one or two "
                "short sentences."
            )
            % {"count": sentences}
        )
    return problems
