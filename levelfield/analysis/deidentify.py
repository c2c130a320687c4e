"""Proposed replacements that take identifying details out of a transcript.

Nothing here changes text by itself: `proposals` lists what it would replace and why,
a person in the team accepts or rejects each one, and `apply` makes the accepted ones.
The rules find the usual identifiers in UK health and care research; they will miss
some (a nickname, a rare place) and catch some harmless words, which is why a person
checks every proposal and can add words of their own.

The rules, in plain words (each proposal says which one made it):

1. **Email addresses** (something@something.something) become "[email]".
2. **UK phone numbers**: 10 or 11 digits starting with 0, or +44 followed by 9 or 10
   digits, with spaces, hyphens or brackets anywhere between groups
   ("07700 900123", "+44 (0)20 7946 0958", "(0161) 496-0000"), become "[phone]".
3. **UK postcodes** in capitals, with or without the middle space ("LS1 4AP",
   "SW1A 1AA", "m13 9pl" is not caught: lower-case postcodes are too like words),
   become "[postcode]".
4. **Dates** as people write them become "[date]": "12 March 2024", "12th Mar 24",
   "Monday 12 March", "March 12, 2024", "March 2024", "12/03/2024", "12-3-24",
   "2024-03-12". A month name on its own ("in May") is left alone.
5. **Places by their name**: one to five capitalised words (or "St"/"St.") before a
   place word. Where care is given (Hospital, Infirmary, Clinic, Surgery, Hospice,
   Health Centre, Medical Centre, Medical Practice) becomes "[hospital]"; a Ward, Unit,
   School, Academy, College, University, Care Home or Nursing Home becomes "[place]".
   So "St Mary's Hospital" and "Leeds General Infirmary" become "[hospital]",
   "Riverside Ward" becomes "[place]". Leading words such as "The", "Our", "My" are not
   part of the name, and "the Hospital" on its own is left alone.
6. **Names after a title**: one to three capitalised words (or initials like "J.")
   after Dr, Doctor, Mr, Mrs, Ms, Miss, Mx, Prof, Professor, Nurse, Sister, Matron,
   Rev, Revd, Father, Sir or Dame become "[name]"; the title stays ("Dr [name]"),
   because who spoke to whom (a doctor, a nurse) matters to the analysis.
7. **The team's word list**: each entry is found as a whole word or phrase, in any
   case, and becomes "[name]" or the replacement the entry gives. A match that is
   capitalised and not at the start of a sentence is almost certainly the name; a
   match in lower case or starting a sentence is still proposed, with a reason that
   says to check it (someone called "Rose" and a rose in the garden).

When two proposals overlap the longer one wins (an email address containing a listed
surname stays one "[email]"); on equal length the earlier rule above wins.

**The word list** (what the team types, one entry a line; `parse_word_list` reads it):

    # lines starting with # are notes and are ignored, as are blank lines
    Siobhan
    Jamal Hussain
    Ward 7 => [place]
    Bradford => [city]

A line is a word or phrase to find; "=>" followed by text gives its replacement
(used exactly as written, so include the brackets), else it becomes "[name]".
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Proposal:
    """Replace text[start:end] (which reads `found`) by `replacement`, for `reason`."""

    start: int
    end: int
    found: str
    replacement: str
    reason: str


@dataclass(frozen=True)
class WordListEntry:
    """One line of the team's word list: find `word` (any case), put `replacement`."""

    word: str
    replacement: str = "[name]"


ARROW = "=>"


def parse_word_list(text: str) -> list[WordListEntry]:
    """The entries of a word list as typed (see the module docstring for the format);
    duplicates (ignoring case) keep the first."""
    entries: list[WordListEntry] = []
    seen: set[str] = set()
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        word, arrow, replacement = line.partition(ARROW)
        word = " ".join(word.split())
        replacement = replacement.strip() if arrow else ""
        if not word or word.casefold() in seen:
            continue
        seen.add(word.casefold())
        entries.append(WordListEntry(word, replacement or "[name]"))
    return entries


# Rule 1
EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+(?<!\.)")

# Rule 2: a candidate, then its digits are counted.
PHONE = re.compile(
    r"(?<![\w+])(?:\+44[\s-]?(?:\(0\)[\s-]?)?|\(0|0)\d(?:[\s\-()]{0,2}\d){7,11}(?![\w])"
)

# Rule 3
POSTCODE = re.compile(r"\b(?:[A-Z]{1,2}[0-9][A-Z0-9]?|GIR) ?[0-9][A-Z]{2}\b")

# Rule 4
# Spaces within one line: a date, a name or a place does not run across lines.
SP = r"[ \t\u00a0]+"
# Full names, or abbreviations with a full stop only when a number follows ("Mar. 24"),
# so that a month ending a sentence ("in May.") keeps its full stop.
MONTHS = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)(?:\.(?=[ \t]+\d))?)"
)
WEEKDAY = rf"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?{SP}(?:the{SP})?)?"
DAY = r"(?:[12][0-9]|3[01]|0?[1-9])(?:st|nd|rd|th)?"
YEAR = r"(?:(?:19|20)\d\d|'?\d\d)"
DATE = re.compile(
    r"\b(?:"
    rf"{WEEKDAY}{DAY}(?:{SP}of)?{SP}{MONTHS}(?:,?{SP}{YEAR})?"  # 12 March 2024
    rf"|{WEEKDAY}{MONTHS}{SP}{DAY}(?:,?{SP}{YEAR})?"  # March 12, 2024
    rf"|{MONTHS}{SP}(?:19|20)\d\d"  # March 2024
    r"|(?:0?[1-9]|[12][0-9]|3[01])[/.-](?:0?[1-9]|1[0-2])[/.-](?:(?:19|20)\d\d|\d\d)"
    r"|(?:19|20)\d\d-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])"
    r")(?![\w/])"
)

# Rule 5
CARE_PLACES = (
    rf"Hospital|Infirmary|Clinic|Surgery|Hospice|Health{SP}Centre|Medical{SP}(?:Centre|Practice)"
)
OTHER_PLACES = rf"Ward|Unit|School|Academy|College|University|Care{SP}Home|Nursing{SP}Home"
NAME_WORD = r"(?:St\.?|[A-Z][\w'’-]*)"
PLACE = re.compile(
    rf"\b(?:{NAME_WORD}{SP}){{1,5}}(?:(?P<care>{CARE_PLACES})|(?P<other>{OTHER_PLACES}))\b"
)
NOT_PART_OF_A_NAME = {
    "the", "a", "an", "this", "that", "our", "my", "your", "his", "her", "their",
    "its", "at", "in", "to", "from", "and", "or", "of", "on", "when", "then", "i",
}  # fmt: skip

# Rule 6
TITLES = r"Dr|Doctor|Mr|Mrs|Ms|Miss|Mx|Prof|Professor|Nurse|Sister|Matron|Rev|Revd|Father|Sir|Dame"
TITLED = re.compile(
    rf"\b(?P<title>{TITLES})\.?{SP}(?P<name>(?:[A-Z]\.[ \t]*|[A-Z][\w'’-]+{SP}){{0,2}}"
    r"[A-Z][\w'’-]+)"
)

SENTENCE_START = re.compile(r"(?:^|[.!?:]['\"”’)]*\s+|\n\s*)$")

# Earlier rules win a tie in length.
EMAIL_RULE, PHONE_RULE, POSTCODE_RULE, DATE_RULE, PLACE_RULE, TITLE_RULE, LIST_RULE = range(7)


def proposals(text: str, *, word_list: Iterable[str | WordListEntry] = ()) -> list[Proposal]:
    """Every replacement the rules propose for `text`, in order, none overlapping.
    `word_list` holds lines as typed ("Siobhan", "Ward 7 => [place]") or parsed entries."""
    found: list[tuple[int, Proposal]] = []

    def add(rule: int, start: int, end: int, replacement: str, reason: str) -> None:
        if end > start:
            found.append((rule, Proposal(start, end, text[start:end], replacement, reason)))

    for match in EMAIL.finditer(text):
        add(EMAIL_RULE, *match.span(), "[email]", _("an email address"))
    for match in PHONE.finditer(text):
        if _is_uk_phone(match.group()):
            add(PHONE_RULE, *match.span(), "[phone]", _("a UK phone number"))
    for match in POSTCODE.finditer(text):
        add(POSTCODE_RULE, *match.span(), "[postcode]", _("a UK postcode"))
    for match in DATE.finditer(text):
        add(DATE_RULE, *match.span(), "[date]", _("a date"))
    for match in PLACE.finditer(text):
        place_word = "care" if match.group("care") else "other"
        start = _skip_leading_common_words(text, match.start(), match.start(place_word))
        if start is not None:
            kind = "[hospital]" if match.group("care") else "[place]"
            reason = (
                _("the name of a hospital, clinic or surgery")
                if match.group("care")
                else _("the name of a place")
            )
            add(PLACE_RULE, start, match.end(), kind, reason)
    for match in TITLED.finditer(text):
        name_start, name_end = match.span("name")
        title = match.group("title")
        add(
            TITLE_RULE,
            name_start,
            name_end,
            "[name]",
            _("a name after the title “%(title)s”") % {"title": title},
        )
    for entry, start, end in _word_list_matches(text, _entries(word_list)):
        if text[start].isupper() and not _at_sentence_start(text, start):
            reason = _("“%(word)s” is in the team’s word list") % {"word": entry.word}
        else:
            reason = _(
                "“%(word)s” is in the team’s word list (check it is meant here: "
                "it is in lower case or starts a sentence)"
            ) % {"word": entry.word}
        add(LIST_RULE, start, end, entry.replacement, reason)
    return _without_overlaps(found)


def apply(text: str, proposals: Sequence[Proposal]) -> str:
    """`text` with the accepted `proposals` made, right to left so that earlier
    positions stay true. Raises ValueError if a proposal no longer matches the text
    (it was changed since) or two overlap."""
    pieces: list[str] = []
    previous_start = len(text)
    for proposal in sorted(proposals, key=lambda p: p.start, reverse=True):
        if proposal.end > previous_start:
            raise ValueError("Two proposals overlap")
        if text[proposal.start : proposal.end] != proposal.found:
            raise ValueError(f"The text no longer reads “{proposal.found}” there")
        # Pieces are gathered back to front and joined once: linear however many.
        pieces += [text[proposal.end : previous_start], proposal.replacement]
        previous_start = proposal.start
    pieces.append(text[:previous_start])
    return "".join(reversed(pieces))


def _entries(word_list: Iterable[str | WordListEntry]) -> list[WordListEntry]:
    entries: list[WordListEntry] = []
    for item in word_list:
        if isinstance(item, WordListEntry):
            entries.append(item)
        else:
            entries.extend(parse_word_list(item))
    return entries


WORD = re.compile(r"\w+")


def _word_list_matches(
    text: str, entries: list[WordListEntry]
) -> Iterator[tuple[WordListEntry, int, int]]:
    """Every place an entry occurs as a whole word or phrase, in any case, with any run
    of spaces between its words. A regular expression of all the entries ("a|b|c")
    tries each at every position (4 s for 300 names in a long transcript), so instead
    each word of the text is looked up by its first word among the entries, and only
    those few are tried there. Entries not starting with a letter or digit are searched
    for on their own."""
    by_first_word: dict[str, list[tuple[WordListEntry, re.Pattern[str]]]] = {}
    odd: list[tuple[WordListEntry, re.Pattern[str]]] = []
    for entry in entries:
        body = r"\s+".join(re.escape(part) for part in entry.word.split())
        pattern = re.compile(rf"(?<!\w){body}(?!\w)", re.IGNORECASE)
        first = WORD.match(entry.word)
        if first:
            by_first_word.setdefault(first.group().casefold(), []).append((entry, pattern))
        else:
            odd.append((entry, pattern))
    for candidates in by_first_word.values():
        candidates.sort(key=lambda item: len(item[0].word), reverse=True)
    for word in WORD.finditer(text):
        for entry, pattern in by_first_word.get(word.group().casefold(), ()):
            match = pattern.match(text, word.start())
            if match:
                yield entry, match.start(), match.end()
                break
    for entry, pattern in odd:
        for match in pattern.finditer(text):
            yield entry, match.start(), match.end()


def _is_uk_phone(candidate: str) -> bool:
    digits = re.sub(r"\D", "", candidate)
    if candidate.startswith("+44"):
        # "+44 (0)20 ...": the (0) is what a caller inside the UK dials instead of +44.
        national = re.sub(r"\D", "", candidate[3:].replace("(0)", "", 1))
        return len(national) in (9, 10) and not national.startswith("0")
    return digits.startswith("0") and len(digits) in (10, 11)


def _skip_leading_common_words(text: str, start: int, place_word_start: int) -> int | None:
    """Where the name before a place word really starts, past "The", "Our" and such;
    None when no name is left ("The Hospital")."""
    for word in re.finditer(r"\S+", text[start:place_word_start]):
        if word.group().casefold() not in NOT_PART_OF_A_NAME:
            return start + word.start()
    return None


def _at_sentence_start(text: str, start: int) -> bool:
    return SENTENCE_START.search(text[max(0, start - 10) : start]) is not None or start == 0


def _without_overlaps(found: list[tuple[int, Proposal]]) -> list[Proposal]:
    """Longest first (then the earlier rule, then the earlier place), skipping any that
    overlaps one already kept; returned in text order."""
    # One flag per character of the text, set where a kept proposal lies: checking and
    # marking cost the proposal's length, however many there are.
    taken = bytearray(max((proposal.end for _rule, proposal in found), default=0))
    kept: list[Proposal] = []
    for _rule, proposal in sorted(
        found, key=lambda item: (-(item[1].end - item[1].start), item[0], item[1].start)
    ):
        if 1 in taken[proposal.start : proposal.end]:
            continue
        taken[proposal.start : proposal.end] = b"\x01" * (proposal.end - proposal.start)
        kept.append(proposal)
    kept.sort(key=lambda proposal: proposal.start)
    return kept
