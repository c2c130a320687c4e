"""The public Pol.is export format, in and out.

votes.csv: timestamp, datetime, comment-id, voter-id, vote (1 agree, -1 disagree,
0 pass). comments.csv: timestamp, datetime, comment-id, author-id, agrees, disagrees,
moderated (1 shown, 0 waiting, -1 moderated out), comment-body. participants-votes.csv
(the other file Pol.is exports with the votes): participant, group-id, n-comments,
n-votes, n-agree, n-disagree, then one column per comment-id (its header is the id)
holding 1, -1, 0 or nothing; it has the votes but not the statements' words, so it
comes with comments.csv.

Pol.is writes three more files in an export (its server's export code: summary.csv,
stats-history.csv and, in newer versions, comment-groups.csv). They are never refused:
summary.csv's topic, url and Pol.is's own counts (voters, groups) are kept as notes of
the import, so its groups can be compared with the ones drawn here; the other files
are ignored, and the notes say so.

Importing reads and checks both files completely before writing anything: any
problem is reported with its file and line, and nothing is imported.
"""

from __future__ import annotations

import csv
import io
import itertools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from levelfield.collectives import roles
from levelfield.deliberation.models import (
    STATEMENT_MAX_LENGTH,
    Conversation,
    ImportState,
    Participant,
    PolisImport,
    Reaction,
    ReactionLog,
    Statement,
    StatementStatus,
)
from levelfield.deliberation.services import DeliberationError, _record, analysis_request, text_key
from levelfield.lib import spreadsheets
from levelfield.lib.spreadsheets import Cell
from levelfield.people.models import User

VOTES_HEADER = ["timestamp", "datetime", "comment-id", "voter-id", "vote"]
COMMENTS_HEADER = [
    "timestamp",
    "datetime",
    "comment-id",
    "author-id",
    "agrees",
    "disagrees",
    "moderated",
    "comment-body",
]
MAX_PROBLEMS = 20
# Files with more vote lines than this import in the background (polis_import_request).
BACKGROUND_ROWS = 20_000
# Bounds that keep one import's memory and time in check (a conversation of 2,000
# people and 900 statements has about 225,000 votes).
MAX_COMMENT_ROWS = 10_000
MAX_VOTE_ROWS = 500_000
MAX_ID = 2**31 - 1  # ids are stored in integer columns
MAX_DIGITS = 15
# Timestamps are taken as Pol.is writes them, milliseconds (or seconds in old
# exports), and must fall in this century: 2000-01-01 to 2100-01-01.
EARLIEST_SECONDS = 946_684_800
LATEST_SECONDS = 4_102_444_800
MODERATED = {1: StatementStatus.SHOWN, 0: StatementStatus.WAITING, -1: StatementStatus.REJECTED}


# The first bytes of files people upload by mistake instead of a CSV.
NOT_CSV = {
    b"PK\x03\x04": gettext_lazy("a spreadsheet or zip file (save it as CSV first)"),
    b"\xd0\xcf\x11\xe0": gettext_lazy("an old Excel or Word file (save it as CSV first)"),
    b"%PDF": "a PDF",
    b"\x89PNG": gettext_lazy("an image"),
    b"\xff\xd8\xff": gettext_lazy("an image"),
    b"GIF8": gettext_lazy("an image"),
    b"\x1f\x8b": gettext_lazy("a compressed (gzip) file (unpack it first)"),
}


def csv_header_problem(raw: bytes, name: str, header: list[str]) -> str | None:
    """Why `raw` is not a Pol.is `name` file, judged by its first bytes and header line
    alone, before any row is parsed; None when it looks right."""
    for magic, what in NOT_CSV.items():
        if raw.startswith(magic):
            return _("%(name)s must be a CSV file; this looks like %(what)s.") % {
                "name": name,
                "what": what,
            }
    if b"\x00" in raw[:4096]:
        return _("%(name)s must be a CSV text file; this one holds binary data.") % {"name": name}
    try:
        first = raw[:4096].decode("utf-8-sig").splitlines()
    except UnicodeDecodeError:
        # The cut may fall inside a character: judge the whole file before giving up.
        try:
            first = raw.decode("utf-8-sig").splitlines()[:1]
        except UnicodeDecodeError:
            return _("%(name)s must be a CSV file saved as UTF-8 text.") % {"name": name}
    if not first or not first[0].strip():
        return _("%(name)s is empty: its first line must be the header (%(columns)s).") % {
            "name": name,
            "columns": ", ".join(header),
        }
    columns = [column.strip() for column in next(csv.reader([first[0]]))]
    kind = export_kind(columns)
    other = other_file_kind(first[0])
    if kind is None and other is not None:
        what = "summary.csv" if other == "summary" else OTHER_FILES[other].split(" ")[0]
        wanted = (
            "votes.csv or participants-votes.csv" if header is VOTES_HEADER else "comments.csv"
        )
        return _(
            "%(name)s is Pol.is's %(what)s: give it in the optional field "
            "below, and %(wanted)s here."
        ) % {"name": name, "what": what, "wanted": wanted}
    if header is VOTES_HEADER and kind in ("votes", "participants-votes"):
        return None
    if header is COMMENTS_HEADER and kind == "comments":
        return None
    if kind == "participants-votes":
        return _(
            "%(name)s is a participants-votes.csv (one row per person): give it "
            "as the votes file, and comments.csv from the same export (the "
            "statements' words) here."
        ) % {"name": name}
    missing = [column for column in header if column not in columns]
    other = COMMENTS_HEADER if header is VOTES_HEADER else VOTES_HEADER
    if all(column in columns for column in other):
        swapped = "comments.csv" if other is COMMENTS_HEADER else "votes.csv"
        return _("%(name)s has the columns of %(swapped)s: were the two files swapped?") % {
            "name": name,
            "swapped": swapped,
        }
    if header is VOTES_HEADER:
        return _(
            "%(name)s line 1 must be the Pol.is header (%(columns)s), or "
            "participants-votes.csv's (participant, group-id, n-comments, "
            "n-votes, n-agree, n-disagree, then one column per comment-id); it "
            "lacks %(missing)s. Give votes.csv or participants-votes.csv from "
            "the Pol.is export here."
        ) % {"name": name, "columns": ", ".join(header), "missing": ", ".join(missing)}
    return _(
        "%(name)s line 1 must be the Pol.is header (%(columns)s); it lacks "
        "%(missing)s. Give comments.csv from the Pol.is export here."
    ) % {"name": name, "columns": ", ".join(header), "missing": ", ".join(missing)}


class ImportProblem(DeliberationError):
    """The files cannot be imported; `problems` names each bad line, the first found
    first, and ends saying how many more there are when the list was cut short."""

    def __init__(self, problems: list[str], *, more: int = 0) -> None:
        more += max(0, len(problems) - MAX_PROBLEMS)
        shown = problems[:MAX_PROBLEMS]
        if more:
            shown = [
                *shown,
                ngettext(
                    "… and %(count)s more problem not listed (fix the first ones: later ones "
                    "often follow from them).",
                    "… and %(count)s more problems not listed (fix the first ones: later ones "
                    "often follow from them).",
                    more,
                )
                % {"count": f"{more:,}"},
            ]
        super().__init__(shown)
        self.problems = shown


@dataclass
class Imported:
    statements: int
    participants: int
    reactions: int
    # What the import decided for the member (duplicates kept, numbering), in words.
    notes: list[str] = field(default_factory=list)


def _rows(
    text: str, name: str, header: list[str], problems: list[str], *, limit: int
) -> Iterator[tuple[int, dict]]:
    """The file's rows with their line numbers; a problem (and no more rows) when the
    CSV cannot be read or holds more than `limit` rows."""
    # Universal newlines: a file saved with old Mac line endings (\r) reads too.
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff"), newline=None))
    try:
        fieldnames = reader.fieldnames or []
    except csv.Error as error:
        problems.append(f"{name} line 1: {_csv_reason(error)}")
        return
    missing = [column for column in header if column not in fieldnames]
    if missing:
        problems.append(
            _("%(name)s line 1: the header lacks %(missing)s.")
            % {"name": name, "missing": ", ".join(missing)}
        )
        return
    for count in itertools.count(1):
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            # The DictReader's own line_num is set only after a good row.
            problems.append(f"{name} line {reader.reader.line_num}: {_csv_reason(error)}")
            return
        if count > limit:
            problems.append(
                _(
                    "%(name)s has more than %(limit)s rows, more than one import can "
                    "take. Split the conversation or ask us to import it."
                )
                % {"name": name, "limit": f"{limit:,}"}
            )
            return
        yield reader.line_num, row


def _csv_reason(error: csv.Error) -> str:
    """What csv's error means, in words a member understands."""
    text = str(error)
    if "field larger than field limit" in text:
        return _("a value is longer than %(limit)s characters.") % {
            "limit": f"{csv.field_size_limit():,}"
        }
    if "NUL" in text:
        return _("the line holds binary data, not text.")
    return _("the line is not valid CSV (a quotation mark may not be closed).")


def _shown(value: str | None) -> str:
    """A value as quoted in a message: short, whatever the file holds."""
    value = value or ""
    return value if len(value) <= 20 else f"{value[:20]}…"


def _integer(
    value: str | None,
    name: str,
    line: int,
    column: str,
    problems: list[str],
    *,
    low: int = -(2**63),
    high: int = 2**63 - 1,
) -> int | None:
    text = (value or "").strip()
    try:
        number = int(text) if len(text) <= MAX_DIGITS else None
    except ValueError:
        number = None
    if number is None:
        problems.append(
            _("%(name)s line %(line)s: %(column)s must be a whole number, not “%(value)s”.")
            % {"name": name, "line": line, "column": column, "value": _shown(value)}
        )
        return None
    if not low <= number <= high:
        problems.append(
            _(
                "%(name)s line %(line)s: %(column)s must be between %(low)s and "
                "%(high)s, not “%(value)s”."
            )
            % {
                "name": name,
                "line": line,
                "column": column,
                "low": f"{low:,}",
                "high": f"{high:,}",
                "value": _shown(value),
            }
        )
        return None
    return number


def _timestamp(value: str | None, name: str, line: int, problems: list[str]) -> datetime | None:
    """The moment a Pol.is timestamp names, or a problem when it is not one."""
    stamp = _integer(value, name, line, "timestamp", problems)
    if stamp is None:
        return None
    seconds = stamp / 1000 if stamp > 10**11 else stamp
    if not EARLIEST_SECONDS <= seconds < LATEST_SECONDS:
        problems.append(
            _(
                "%(name)s line %(line)s: timestamp must be a time between 2000 and "
                "2100 in milliseconds, as Pol.is writes it, not “%(value)s”."
            )
            % {"name": name, "line": line, "value": _shown(value)}
        )
        return None
    return datetime.fromtimestamp(seconds, tz=UTC)


def export_kind(columns: list[str]) -> str | None:
    """Which Pol.is file a header line belongs to: "votes", "participants-votes",
    "comments", or None when it is none of them."""
    names = [column.strip() for column in columns]
    if all(column in names for column in VOTES_HEADER):
        return "votes"
    if all(column in names for column in COMMENTS_HEADER):
        return "comments"
    if "participant" in names and any(_comment_column(column) is not None for column in names):
        return "participants-votes"
    return None


def _comment_column(column: str) -> int | None:
    """The comment-id a participants-votes.csv column holds votes for (its header is
    the id), or None for Pol.is's own columns (participant, group-id, n-votes...)."""
    text = column.strip()
    return int(text) if text.isdigit() and len(text) <= MAX_DIGITS else None


class Problems(list):
    """Problems in the order found: the first MAX_PROBLEMS are kept, all are counted,
    so a long list can say how many more there are."""

    def __init__(self) -> None:
        super().__init__()
        self.total = 0

    def append(self, line: str) -> None:
        self.total += 1
        if len(self) < MAX_PROBLEMS:
            super().append(line)


@dataclass
class _Comment:
    id: int
    line: int
    text: str
    status: str
    at: datetime
    moderated: int = 1
    votes: int = 0
    duplicate_of: int | None = None


# Files Pol.is writes in an export beside the votes and comments, known by their
# first line: summary.csv is key,value rows (topic, url, views, voters, voters-in-conv,
# commenters, comments, groups, conversation-description).
SUMMARY_KEYS = {
    "topic",
    "url",
    "views",
    "voters",
    "voters-in-conv",
    "commenters",
    "comments",
    "groups",
    "conversation-description",
}
OTHER_FILES = {
    "stats-history": gettext_lazy("stats-history.csv (how the conversation grew)"),
    "comment-groups": gettext_lazy(
        "comment-groups.csv (Pol.is's votes per group on each statement)"
    ),
}


def other_file_kind(text: str) -> str | None:
    """Which of Pol.is's other export files `text` is: "summary", "stats-history",
    "comment-groups", or None."""
    lines = text.lstrip("\ufeff").splitlines()
    if not lines:
        return None
    try:
        first = [cell.strip() for cell in next(csv.reader(lines[:1]))]
    except (csv.Error, StopIteration):
        return None
    if first and first[0] in SUMMARY_KEYS and len(first) <= 2:
        return "summary"
    if "n-votes" in first and "n-visitors" in first:
        return "stats-history"
    if "comment-id" in first and "total-votes" in first:
        return "comment-groups"
    return None


def summary_notes(text: str) -> list[str]:
    """What an export's other file tells the member, in words. summary.csv: Pol.is's
    topic, address and its own counts of voters and groups (to compare with the report
    here); anything else in it, and the other files, are ignored and the note says so.
    Never a problem: these files only describe the conversation."""
    kind = other_file_kind(text)
    if kind in OTHER_FILES:
        return [_("The %(file)s was not needed and is ignored.") % {"file": OTHER_FILES[kind]}]
    if kind != "summary":
        return [
            _(
                "The optional file is not one of Pol.is's summary.csv, stats-history.csv or "
                "comment-groups.csv, so it is ignored."
            )
        ]
    values: dict[str, str] = {}
    try:
        for row in csv.reader(io.StringIO(text.lstrip("\ufeff"), newline=None)):
            if len(row) >= 2 and row[0].strip():
                values.setdefault(row[0].strip(), " ".join(row[1].split()))
    except csv.Error:
        pass
    said = []
    if values.get("topic"):
        said.append(_("Pol.is’s topic was “%(topic)s”") % {"topic": _shown_long(values["topic"])})
    if values.get("url"):
        said.append(_("its address %(url)s") % {"url": _shown_long(values["url"])})
    counts = [
        words % {"count": values[key]}
        for key, words in (
            ("voters", _("%(count)s voters")),
            ("voters-in-conv", _("%(count)s of them grouped")),
            ("groups", _("%(count)s opinion groups")),
        )
        if values.get(key, "").isdigit()
    ]
    if counts:
        said.append(
            _("Pol.is counted %(counts)s (compare the report here)")
            % {"counts": ", ".join(counts)}
        )
    if values.get("conversation-description"):
        said.append(
            _("its description: “%(description)s”")
            % {"description": _shown_long(values["conversation-description"])}
        )
    used = {"topic", "url", "voters", "voters-in-conv", "groups", "conversation-description"}
    ignored = sorted(key for key in values if key not in used)
    notes = [
        _("From summary.csv: %(said)s.") % {"said": "; ".join(said)}
        if said
        else _("summary.csv is empty.")
    ]
    if ignored:
        notes.append(_("summary.csv’s %(keys)s are not used here.") % {"keys": ", ".join(ignored)})
    return notes


def _shown_long(value: str) -> str:
    return value if len(value) <= 200 else f"{value[:200]}…"


def polis_import(
    *,
    conversation: Conversation,
    actor: User | None,
    votes_csv: str,
    comments_csv: str,
    other_csv: str = "",
) -> Imported:
    """Import a Pol.is export into the conversation, all or nothing. `votes_csv` is
    votes.csv or participants-votes.csv (one row per person; recognised by its
    header). `actor` None means an operator's management command.

    Pol.is's comment ids become the statement numbers (when the conversation has none
    of those numbers yet) and are kept on each statement, with each voter's id.
    Statements Pol.is holds twice (its moderators reject one copy) are all kept, with
    their moderation state and votes; the copy Pol.is showed keeps the words as the
    statement new ones are compared with, and a note says which copy that was.
    `other_csv` is summary.csv (or another file Pol.is exports), read for its notes."""
    problems = Problems()
    comments = _read_comments(comments_csv, conversation, problems)
    broken = getattr(problems, "broken", set())
    kind = _kind_of(votes_csv)
    if kind == "participants-votes":
        votes = _read_participants_votes(votes_csv, comments, problems)
    elif kind == "comments":
        problems.append(
            _(
                "votes.csv has the columns of comments.csv: give votes.csv or "
                "participants-votes.csv as the votes, and comments.csv as the statements."
            )
        )
        votes = []
    else:
        votes = _read_votes(votes_csv, comments, problems, skip=broken)
    if problems:
        raise ImportProblem(list(problems), more=problems.total - len(problems))
    if not comments:
        raise ImportProblem([_("comments.csv has no statements.")])
    notes = _duplicates_resolve(comments, votes)
    if other_csv.strip():
        notes = [*summary_notes(other_csv), *notes]
    with transaction.atomic():
        if actor is not None:
            roles.require(actor, roles.Action.START_CONVERSATION, conversation.place.owner)
        locked = Conversation.objects.select_for_update().get(pk=conversation.pk)
        existing = Statement.objects.filter(conversation=locked)
        taken = set(existing.values_list("text_key", flat=True))
        clashes = [
            _("comments.csv line %(line)s: the statement is already in the conversation.")
            % {"line": c.line}
            for c in comments.values()
            if c.duplicate_of is None and text_key(c.text) in taken
        ]
        if clashes:
            raise ImportProblem(clashes)
        ordered = sorted(comments.values(), key=lambda c: c.id)
        numbers = set(existing.values_list("number", flat=True))
        if numbers & set(comments):
            start = max(numbers)
            number_of = {c.id: start + position for position, c in enumerate(ordered, 1)}
            notes.append(
                _(
                    "The conversation already had statements with some of Pol.is's "
                    "numbers, so the imported ones are numbered from %(start)s; each "
                    "keeps its Pol.is number beside it."
                )
                % {"start": start + 1}
            )
        else:
            number_of = {c.id: c.id for c in ordered}
        statements = Statement.objects.bulk_create(
            Statement(
                conversation=locked,
                number=number_of[comment.id],
                polis_id=comment.id,
                text=comment.text,
                text_key=_stored_key(comment),
                status=comment.status,
                created_at=comment.at,
            )
            for comment in ordered
        )
        by_comment = {c.id: s for c, s in zip(ordered, statements, strict=True)}
        voters = sorted({voter for _at, voter, _comment, _vote in votes})
        participants = Participant.objects.bulk_create(
            Participant(conversation=locked, name=f"Imported voter {voter}", polis_id=voter)
            for voter in voters
        )
        by_voter = dict(zip(voters, participants, strict=True))
        latest: dict[tuple[int, int], tuple[datetime, int]] = {}
        for at, voter, comment, vote in sorted(votes):
            latest[(voter, comment)] = (at, vote)
        ReactionLog.objects.bulk_create(
            (
                ReactionLog(
                    participant=by_voter[voter],
                    statement=by_comment[comment],
                    vote=vote,
                    reacted_at=at,
                )
                for at, voter, comment, vote in sorted(votes)
            ),
            batch_size=2000,
        )
        Reaction.objects.bulk_create(
            (
                Reaction(
                    participant=by_voter[voter],
                    statement=by_comment[comment],
                    vote=vote,
                    reacted_at=at,
                )
                for (voter, comment), (at, vote) in latest.items()
            ),
            batch_size=2000,
        )
        _record(
            locked,
            actor=actor,
            action="conversation_imported",
            summary=f"Imported {len(statements):,} statements and {len(latest):,} reactions "
            f"from a Pol.is export into “{locked.title}”",
            after={"notes": notes} if notes else None,
        )
        analysis_request(conversation_id=locked.pk, now=datetime.now(UTC))
    return Imported(len(statements), len(participants), len(latest), notes)


def _kind_of(text: str) -> str | None:
    first = text.lstrip("\ufeff").splitlines()[:1]
    if not first:
        return None
    try:
        columns = next(csv.reader(first))
    except (csv.Error, StopIteration):
        return None
    return export_kind(columns)


def _stored_key(comment: _Comment) -> str:
    """The statement's text key; another copy of a duplicate gets its Pol.is number
    added, so the copy Pol.is showed stays the one new statements are compared with."""
    key = text_key(comment.text)
    if comment.duplicate_of is None:
        return key
    tail = f" [Pol.is copy {comment.id}]"
    return key[: STATEMENT_MAX_LENGTH - len(tail)] + tail


MODERATION_WORDS = {
    1: gettext_lazy("shown"),
    0: gettext_lazy("waiting"),
    -1: gettext_lazy("moderated out"),
}


def _duplicates_resolve(
    comments: dict[int, _Comment], votes: list[tuple[datetime, int, int, int]]
) -> list[str]:
    """Pick, among statements Pol.is holds more than once, the copy it showed: moderated
    in before waiting before moderated out, then the most votes, then the first. The
    other copies are marked `duplicate_of`; each keeps its own votes and moderation
    state (Pol.is analysed them so). Returns the note saying what was kept."""
    voters: dict[int, set[int]] = {}
    for _at, voter, comment, _vote in votes:
        voters.setdefault(comment, set()).add(voter)
    for comment in comments.values():
        comment.votes = len(voters.get(comment.id, ()))
    copies: dict[str, list[_Comment]] = {}
    for comment in comments.values():
        copies.setdefault(text_key(comment.text), []).append(comment)
    repeated = [group for group in copies.values() if len(group) > 1]
    if not repeated:
        return []
    described = []
    for group in sorted(repeated, key=lambda g: min(c.id for c in g)):
        group.sort(key=lambda c: (-c.moderated, -c.votes, c.id))
        kept, others = group[0], group[1:]
        for other in others:
            other.duplicate_of = kept.id
        rest = "; ".join(
            _("comment %(id)s, %(state)s, %(votes)s")
            % {"id": o.id, "state": MODERATION_WORDS[o.moderated], "votes": _votes(o.votes)}
            for o in others
        )
        words = kept.text if len(kept.text) <= 60 else f"{kept.text[:60]}…"
        described.append(
            _(
                "kept the %(state)s copy of “%(words)s” (comment %(id)s, %(votes)s) as the "
                "statement; the other copy (%(rest)s) stays beside it with its votes and "
                "moderation state"
            )
            % {
                "state": MODERATION_WORDS[kept.moderated],
                "words": words,
                "id": kept.id,
                "votes": _votes(kept.votes),
                "rest": rest,
            }
        )
    count = sum(len(group) - 1 for group in repeated)
    head = ngettext("%(count)s duplicate statement", "%(count)s duplicate statements", count) % {
        "count": f"{count:,}"
    }
    sentences = [described[0], *(d[0].upper() + d[1:] for d in described[1:])]
    return [f"{head}: " + ". ".join(sentences) + "."]


def _votes(count: int) -> str:
    return ngettext("%(count)s vote", "%(count)s votes", count) % {"count": f"{count:,}"}


def _read_comments(
    text: str, conversation: Conversation, problems: list[str]
) -> dict[int, _Comment]:
    """The comments by comment-id. A comment whose line has a problem is remembered in
    `problems.broken` (when `problems` is a Problems), so its votes are not reported
    again as votes for a missing comment: the real cause comes first, once."""
    comments: dict[int, _Comment] = {}
    broken: set[int] = set()
    name = "comments.csv"
    for line, row in _rows(text, name, COMMENTS_HEADER, problems, limit=MAX_COMMENT_ROWS):
        cid = _integer(row["comment-id"], name, line, "comment-id", problems, low=0, high=MAX_ID)
        at = _timestamp(row["timestamp"], name, line, problems)
        moderated = _integer(row["moderated"], name, line, "moderated", problems)
        body = _unquoted(" ".join((row["comment-body"] or "").split()))
        if cid is None or at is None or moderated is None:
            if cid is not None:
                broken.add(cid)
            continue
        if moderated not in MODERATED:
            problems.append(
                _("%(name)s line %(line)s: moderated must be 1, 0 or -1, not “%(moderated)s”.")
                % {"name": name, "line": line, "moderated": moderated}
            )
        elif not body:
            problems.append(
                _("%(name)s line %(line)s: the comment-body is empty.")
                % {"name": name, "line": line}
            )
        elif len(body) > STATEMENT_MAX_LENGTH:
            problems.append(
                _("%(name)s line %(line)s: the statement is longer than %(most)s characters.")
                % {"name": name, "line": line, "most": STATEMENT_MAX_LENGTH}
            )
        elif cid in comments:
            problems.append(
                _(
                    "%(name)s line %(line)s: comment-id %(cid)s appears twice (first on "
                    "line %(first)s)."
                )
                % {"name": name, "line": line, "cid": cid, "first": comments[cid].line}
            )
            continue
        else:
            comments[cid] = _Comment(cid, line, body, MODERATED[moderated], at, moderated)
            continue
        broken.add(cid)
    if isinstance(problems, Problems):
        problems.broken = broken
    return comments


def _unquoted(body: str) -> str:
    """A statement as typed: our own export writes a leading apostrophe before one
    that a spreadsheet would read as a formula."""
    return body[1:] if body[:1] == "'" and spreadsheets.is_formula_text(body[1:]) else body


def _read_votes(
    text: str,
    comments: dict[int, _Comment],
    problems: list[str],
    *,
    skip: set[int] | frozenset[int] = frozenset(),
) -> list[tuple[datetime, int, int, int]]:
    """votes.csv's votes. Votes for comments whose own line has a problem (`skip`)
    are left out quietly: that line's problem is the one to fix. Votes for a comment
    that is not in comments.csv at all make one problem per comment, with the lines."""
    votes = []
    missing: dict[int, list[int]] = {}
    name = "votes.csv"
    for line, row in _rows(text, name, VOTES_HEADER, problems, limit=MAX_VOTE_ROWS):
        at = _timestamp(row["timestamp"], name, line, problems)
        voter, comment = (
            _integer(row[column], name, line, column, problems, low=0, high=MAX_ID)
            for column in ("voter-id", "comment-id")
        )
        vote = _integer(row["vote"], name, line, "vote", problems)
        if at is None or voter is None or comment is None or vote is None:
            continue
        if vote not in (1, -1, 0):
            problems.append(
                _("%(name)s line %(line)s: vote must be 1, -1 or 0, not “%(value)s”.")
                % {"name": name, "line": line, "value": _shown(str(vote))}
            )
        elif comment in skip:
            continue
        elif comment not in comments:
            missing.setdefault(comment, []).append(line)
        else:
            votes.append((at, voter, comment, vote))
    for comment, lines in missing.items():
        problems.append(
            _("%(name)s %(lines)s: comment-id %(comment)s is not in comments.csv.")
            % {"name": name, "lines": _lines(lines), "comment": comment}
        )
    return votes


def _lines(lines: list[int]) -> str:
    """ "line 4", "lines 4 and 9", "lines 4, 9, 12 and 16 more"."""
    if len(lines) == 1:
        return _("line %(line)s") % {"line": lines[0]}
    if len(lines) <= 3:
        return _("lines %(lines)s and %(last)s") % {
            "lines": ", ".join(map(str, lines[:-1])),
            "last": lines[-1],
        }
    return _("lines %(lines)s and %(count)s more") % {
        "lines": ", ".join(map(str, lines[:3])),
        "count": f"{len(lines) - 3:,}",
    }


VOTE_CELLS = {"": None, "1": 1, "-1": -1, "0": 0, "1.0": 1, "-1.0": -1, "0.0": 0}


def _read_participants_votes(
    text: str, comments: dict[int, _Comment], problems: list[str]
) -> list[tuple[datetime, int, int, int]]:
    """participants-votes.csv's votes: one row per participant, Pol.is's own columns
    (participant, group-id, n-comments, n-votes, n-agree, n-disagree) and one column per
    comment-id holding 1 (agree), -1 (disagree), 0 (pass) or nothing (not seen). The
    file has no times: each vote takes its statement's time from comments.csv."""
    votes = []
    name = "participants-votes.csv"
    rows = _rows(text, name, ["participant"], problems, limit=MAX_VOTE_ROWS)
    columns: dict[str, int] | None = None
    missing: dict[int, list[int]] = {}
    for line, row in rows:
        if columns is None:
            columns = {
                column: cid
                for column in row
                if column is not None and (cid := _comment_column(column)) is not None
            }
        voter = _integer(
            row["participant"], name, line, "participant", problems, low=0, high=MAX_ID
        )
        if voter is None:
            continue
        for column, comment in columns.items():
            cell = (row.get(column) or "").strip()
            if cell not in VOTE_CELLS:
                problems.append(
                    _(
                        "%(name)s line %(line)s: the vote on comment %(comment)s must be 1, "
                        "-1, 0 or empty, not “%(value)s”."
                    )
                    % {"name": name, "line": line, "comment": comment, "value": _shown(cell)}
                )
                continue
            vote = VOTE_CELLS[cell]
            if vote is None:
                continue
            if comment not in comments:
                missing.setdefault(comment, []).append(line)
                continue
            votes.append((comments[comment].at, voter, comment, vote))
    for comment, lines in missing.items():
        problems.append(
            _(
                "%(name)s %(lines)s: there are votes on comment-id %(comment)s, "
                "which is not in comments.csv (give the comments.csv from the same "
                "Pol.is export)."
            )
            % {"name": name, "lines": _lines(lines), "comment": comment}
        )
    return votes


# Imports too big for the request


def vote_lines(votes_csv: str) -> int:
    """How many lines of votes a file holds (its lines after the header)."""
    return max(0, votes_csv.count("\n") + (0 if votes_csv.endswith("\n") else 1) - 1)


def polis_import_request(
    *,
    conversation: Conversation,
    actor: User,
    votes_csv: str,
    comments_csv: str,
    other_csv: str = "",
    now: datetime | None = None,
) -> PolisImport:
    """Keep the files for the background task and return at once; the import page
    shows how it is going. Imports with more than BACKGROUND_ROWS vote lines come here
    (a 225,000-vote file took 22.6 s inside the request)."""
    now = now or timezone.now()
    with transaction.atomic():
        roles.require(actor, roles.Action.START_CONVERSATION, conversation.place.owner)
        job = PolisImport.objects.create(
            conversation=conversation,
            requested_by=actor,
            requested_at=now,
            votes_csv=votes_csv,
            comments_csv=comments_csv,
            other_csv=other_csv,
            vote_lines=vote_lines(votes_csv),
        )
        _record(
            conversation,
            actor=actor,
            action="conversation_import_requested",
            summary=f"{actor.name} started importing a Pol.is export of "
            f"{job.vote_lines:,} vote lines into “{conversation.title}”",
        )
        transaction.on_commit(lambda: polis_import_schedule(job.pk))
    return job


def polis_import_schedule(import_id: int) -> None:
    """Queue the background import. Backends that run tasks at once (the immediate one
    in tests) would run it inside the request, so they leave it to the periodic
    `import_polis_waiting` command instead."""
    from levelfield.deliberation import tasks

    if tasks.polis_import_task.get_backend().supports_defer:
        tasks.polis_import_task.enqueue(import_id)


def polis_import_run(*, import_id: int, now: datetime | None = None) -> PolisImport | None:
    """Run one waiting import (claimed by one conditional UPDATE, so two workers never
    run it twice) and keep its outcome; None when it was not waiting."""
    now = now or timezone.now()
    claimed = PolisImport.objects.filter(pk=import_id, state=ImportState.WAITING).update(
        state=ImportState.RUNNING, started_at=now
    )
    if not claimed:
        return None
    job = PolisImport.objects.select_related("conversation", "requested_by").get(pk=import_id)
    # The outcome is kept, so it is written in the site's own language.
    with translation.override(settings.LANGUAGE_CODE):
        state, summary, lines = _import_outcome(job)
    PolisImport.objects.filter(pk=import_id).update(
        state=state,
        summary=summary,
        messages=lines,
        finished_at=timezone.now(),
        votes_csv="",
        comments_csv="",
        other_csv="",
    )
    job.refresh_from_db()
    return job


def _import_outcome(job: PolisImport) -> tuple[str, str, list[str]]:
    """Run the job's import: its state, the summary and the lines to show with it."""
    if job.requested_by is None:
        return (
            ImportState.FAILED,
            "",
            [_("The person who started this import no longer has an account here.")],
        )
    try:
        done = polis_import(
            conversation=job.conversation,
            actor=job.requested_by,
            votes_csv=job.votes_csv,
            comments_csv=job.comments_csv,
            other_csv=job.other_csv,
        )
    except ImportProblem as problem:
        return ImportState.FAILED, "", [str(line) for line in problem.problems]
    except PermissionDenied:
        return (
            ImportState.FAILED,
            "",
            [_("The person who started this import may no longer import here.")],
        )
    summary = _(
        "Imported %(statements)s statements and %(reactions)s reactions from "
        "%(participants)s people."
    ) % {
        "statements": done.statements,
        "reactions": done.reactions,
        "participants": done.participants,
    }
    return ImportState.DONE, summary, [str(line) for line in done.notes]


# A run this old that never finished was lost (the worker stopped): it waits again.
LOST_AFTER = timedelta(hours=1)


def polis_imports_run_waiting(*, now: datetime | None = None) -> int:
    """Run every waiting import, first putting back those a stopped worker lost (the
    periodic command's job; the task runs them one at a time)."""
    now = now or timezone.now()
    PolisImport.objects.filter(state=ImportState.RUNNING, started_at__lt=now - LOST_AFTER).update(
        state=ImportState.WAITING
    )
    waiting = PolisImport.objects.filter(state=ImportState.WAITING).order_by("requested_at")
    return sum(
        polis_import_run(import_id=pk, now=now) is not None
        for pk in waiting.values_list("pk", flat=True)
    )


# Export


def _stamp(moment: datetime) -> list[str]:
    return [str(int(moment.timestamp() * 1000)), moment.strftime("%a %b %d %Y %H:%M:%S GMT%z")]


def votes_rows(conversation: Conversation) -> Iterable[list[Cell]]:
    """votes.csv: every participant's current reaction. voter-id is the Pol.is id when
    every participant came from a Pol.is export (so an export round-trips with Pol.is's
    ids), otherwise the participant's number here; never their name."""
    yield VOTES_HEADER
    participants = conversation.participants
    as_polis = participants.exists() and not participants.filter(polis_id__isnull=True).exists()
    voter = "participant__polis_id" if as_polis else "participant_id"
    reactions = (
        Reaction.objects.filter(statement__conversation=conversation)
        .order_by("reacted_at", "pk")
        .values_list("reacted_at", "statement__number", voter, "vote")
    )
    for at, number, voter_id, vote in reactions.iterator(chunk_size=5000):
        yield [*_stamp(at), number, voter_id, vote]


def comments_rows(conversation: Conversation) -> Iterable[list[Cell]]:
    yield COMMENTS_HEADER
    statements = conversation.statements.annotate(
        agrees=Count("reactions", filter=Q(reactions__vote=1)),
        disagrees=Count("reactions", filter=Q(reactions__vote=-1)),
    ).order_by("number")
    moderated = {value: key for key, value in MODERATED.items()}
    for s in statements:
        yield [
            *_stamp(s.created_at),
            s.number,
            s.author_id,
            s.agrees,
            s.disagrees,
            moderated[s.status],
            s.text,
        ]


def csv_text(rows: Iterable[list[Cell]]) -> str:
    """Pol.is's own line ends; a statement that would be a formula gets a leading
    apostrophe (the one writer of exports), which the import takes off again."""
    return spreadsheets.csv_text(rows, lineterminator="\n")


def require_import_rights(actor: User, conversation: Conversation) -> None:
    if not roles.may(actor, roles.Action.START_CONVERSATION, conversation.place.owner):
        raise PermissionDenied("Only members may import into this conversation.")
