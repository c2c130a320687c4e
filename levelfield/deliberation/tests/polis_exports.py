"""Small synthetic Pol.is exports that look like real ones (written here, never
downloaded): comment ids from 0, a moderated-out copy of a shown statement that comes
first in the file with one vote, a second copy of a statement that both stayed shown,
a statement moderated out after many votes, people with few votes, a changed vote and
a statement added late. The same votes come as votes.csv and participants-votes.csv."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from levelfield.deliberation import polis
from levelfield.deliberation.synthetic import planted_conversation

START = 1_700_000_000_000  # Pol.is timestamps are milliseconds
PARTICIPANTS_VOTES_OWN = [
    "participant",
    "group-id",
    "n-comments",
    "n-votes",
    "n-agree",
    "n-disagree",
]


@dataclass
class Export:
    comments: str
    votes: str
    participants_votes: str
    # (timestamp, voter-id, comment-id, vote) in the order cast.
    rows: list[tuple[int, int, int, int]]
    moderated_out: list[int]
    # comment-id -> moderated, for every comment.
    moderation: dict[int, int]
    statements: int
    hidden_copy: int  # the moderated-out copy, with one vote
    shown_copy: int  # the copy Pol.is showed, with many votes
    few_voters: list[int]  # 6 votes on shown statements, 7 with the one moderated out
    planted: dict[int, int]


def _text(sid: int) -> str:
    return f"Statement {sid} about patient data"


def messy_export(
    *, participants: int = 120, statements: int = 30, groups: int = 3, seed: int = 11
) -> Export:
    planted = planted_conversation(
        participants=participants, statements=statements, groups=groups, seed=seed
    )
    off_topic, twin = statements + 2, statements + 1
    hidden, shown = 0, 7
    few = [1, 2, 3, 4, 5]
    rows: list[tuple[int, int, int, int]] = []
    kept: dict[int, int] = {}
    for n, (pid, sid, vote) in enumerate(
        zip(planted.participant_ids, planted.statement_ids, planted.votes, strict=True)
    ):
        pid, sid, vote = int(pid), int(sid), int(vote)
        if pid in few:
            if kept.get(pid, 0) >= 6:
                continue
            kept[pid] = kept.get(pid, 0) + 1
        rows.append((START + 60_000 * (n + 1), pid, sid, vote))
    last = rows[-1][0]
    # Statement 12's second copy stayed shown; two people voted on it.
    rows += [(last + 1000, 40, twin, 1), (last + 2000, 41, twin, -1)]
    # The moderated-out copy of statement 7, one vote.
    rows.append((last + 3000, 20, hidden, 1))
    # A statement moderated out after many votes, among them the few voters'.
    for voter in [*few, *range(50, 70)]:
        rows.append((last + 4000 + voter, voter, off_topic, -1))
    # Voter 30 changes their mind on statement 2 (the latest vote wins).
    rows.append((last + 9000, 30, 2, 0))
    rows.append((last + 9500, 30, 2, 1))

    moderation = dict.fromkeys(range(1, statements + 1), 1)
    moderation.update({hidden: -1, twin: 1, off_topic: -1})
    texts = {sid: _text(sid) for sid in range(1, statements + 1)}
    texts[hidden] = _text(shown).lower() + "."
    texts[twin] = _text(12) + "!"
    texts[off_topic] = "Parking at the clinic is too expensive"
    created = dict.fromkeys(texts, START)
    created[statements] = last  # added late

    comments = io.StringIO()
    writer = csv.writer(comments, lineterminator="\n")
    writer.writerow(polis.COMMENTS_HEADER)
    for cid in sorted(texts):
        writer.writerow([created[cid], "x", cid, 0, 0, 0, moderation[cid], texts[cid]])

    votes = io.StringIO()
    writer = csv.writer(votes, lineterminator="\n")
    writer.writerow(polis.VOTES_HEADER)
    for at, voter, cid, vote in rows:
        writer.writerow([at, "x", cid, voter, vote])

    latest: dict[int, dict[int, int]] = {}
    for _, voter, cid, vote in rows:
        latest.setdefault(voter, {})[cid] = vote
    wide = io.StringIO()
    writer = csv.writer(wide, lineterminator="\n")
    ids = sorted(texts)
    writer.writerow([*PARTICIPANTS_VOTES_OWN, *ids])
    for voter in sorted(latest):
        mine = latest[voter]
        values = list(mine.values())
        writer.writerow(
            [
                voter,
                "",
                0,
                len(values),
                values.count(1),
                values.count(-1),
                *(mine.get(cid, "") for cid in ids),
            ]
        )
    return Export(
        comments=comments.getvalue(),
        votes=votes.getvalue(),
        participants_votes=wide.getvalue(),
        rows=rows,
        moderated_out=[hidden, off_topic],
        moderation=moderation,
        statements=len(texts),
        hidden_copy=hidden,
        shown_copy=shown,
        few_voters=few,
        planted=planted.planted,
    )
