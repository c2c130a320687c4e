"""The text of a document: Markdown made safe, split into paragraphs, and compared.

Markdown is rendered and sanitised under the one policy in `levelfield.lib.markdown`.
Differences come from the standard library's difflib and are written as <ins> and <del>
with words for screen readers ("Added:", "Removed:") and underline and strike-through
for sight: never colour alone, and no JavaScript.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from levelfield.lib import markdown

HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
MAX_TEXT_LENGTH = 200_000
MAX_PARAGRAPHS = 2_000


def render_markdown(text: str) -> SafeString:
    """Sanitised HTML for Markdown `text`. Headings start at level 2 (the page has the
    level 1); links get rel="nofollow noopener"."""
    return mark_safe(markdown.render(text))  # noqa: S308 - sanitised by lib.markdown


@dataclass(frozen=True)
class Block:
    """A heading or a paragraph of the source text, and the section it sits in."""

    text: str
    is_heading: bool
    section: str


def normalise(text: str) -> str:
    """Line endings made plain, trailing spaces gone, at most one blank line between
    blocks: the form people type into and the text compared."""
    lines = [line.rstrip() for line in (text or "").replace("\r\n", "\n").split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def split_blocks(text: str) -> list[Block]:
    """The text split at blank lines; a heading line is always a block of its own and
    starts a section. A list or a quote without blank lines stays one paragraph."""
    blocks: list[Block] = []
    section = ""
    for chunk in normalise(text).split("\n\n"):
        lines: list[str] = []
        for line in chunk.split("\n"):
            heading = HEADING.match(line)
            if heading:
                if lines:
                    blocks.append(Block("\n".join(lines), False, section))
                    lines = []
                section = heading.group(2)
                blocks.append(Block(line, True, section))
            else:
                lines.append(line)
        if lines and "\n".join(lines).strip():
            blocks.append(Block("\n".join(lines), False, section))
    return blocks


def lineage_match(old: list[str], new: list[str]) -> list[int | None]:
    """For each new block, the index of the old block it continues, or None if new.
    Unchanged blocks continue theirs; a run of changed blocks continues the run it
    replaced, pair by pair, so a reworded paragraph keeps its comments."""
    matched: list[int | None] = [None] * len(new)
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, old_start, old_end, new_start, new_end in matcher.get_opcodes():
        if tag in ("equal", "replace"):
            for offset in range(min(old_end - old_start, new_end - new_start)):
                matched[new_start + offset] = old_start + offset
    return matched


_WORDS = re.compile(r"\s+|[^\s]+")


def word_diff(before: str, after: str) -> SafeString:
    """`after` against `before`, word by word, as accessible HTML."""
    old, new = _WORDS.findall(before or ""), _WORDS.findall(after or "")
    parts: list[str] = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, old_start, old_end, new_start, new_end in matcher.get_opcodes():
        if tag == "equal":
            parts.append(escape("".join(old[old_start:old_end])))
            continue
        if tag in ("delete", "replace"):
            parts.append(_marked("del", _("Removed"), "".join(old[old_start:old_end])))
        if tag in ("insert", "replace"):
            parts.append(_marked("ins", _("Added"), "".join(new[new_start:new_end])))
    return mark_safe("".join(parts))  # noqa: S308 - every piece escaped above


def _marked(tag: str, word: str, text: str) -> str:
    stripped = text.strip()
    if not stripped:
        return escape(text)
    lead = text[: len(text) - len(text.lstrip())]
    trail = text[len(text.rstrip()) :]
    end = escape(_("(end)"))
    return (
        f'{escape(lead)}<{tag} class="levelfield-diff__{tag}">'
        f'<span class="govuk-visually-hidden">{escape(word)}: </span>{escape(stripped)}'
        f'<span class="govuk-visually-hidden"> {end}</span></{tag}>{escape(trail)}'
    )


@dataclass(frozen=True)
class Change:
    """One paragraph in a comparison of two versions."""

    kind: str  # "same", "changed", "added", "removed"
    before: str
    after: str
    html: SafeString


def version_diff(before: str, after: str) -> list[Change]:
    """Two whole texts compared paragraph by paragraph, with the words of changed
    paragraphs compared too."""
    old = [block.text for block in split_blocks(before)]
    new = [block.text for block in split_blocks(after)]
    changes: list[Change] = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, old_start, old_end, new_start, new_end in matcher.get_opcodes():
        if tag == "equal":
            changes += [Change("same", t, t, mark_safe(escape(t))) for t in old[old_start:old_end]]  # noqa: S308 - escaped
            continue
        olds, news = old[old_start:old_end], new[new_start:new_end]
        paired = min(len(olds), len(news)) if tag == "replace" else 0
        for a, b in zip(olds[:paired], news[:paired], strict=True):
            changes.append(Change("changed", a, b, word_diff(a, b)))
        for a in olds[paired:]:
            changes.append(Change("removed", a, "", mark_safe(_marked("del", _("Removed"), a))))  # noqa: S308 - _marked escapes
        for b in news[paired:]:
            changes.append(Change("added", "", b, mark_safe(_marked("ins", _("Added"), b))))  # noqa: S308 - _marked escapes
    return changes
