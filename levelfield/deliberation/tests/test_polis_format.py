"""A conversation brought in as a Pol.is export (votes.csv and comments.csv) through the
app's importer and analysed by the background job finds the same opinion groups as
red-dwarf reading the very same files the way it reads a Pol.is export."""

from __future__ import annotations

import csv
import io
import random

import pytest

from levelfield.deliberation import polis, services
from levelfield.deliberation.models import Participant, Reaction
from levelfield.deliberation.synthetic import Conversation as Planted
from levelfield.deliberation.synthetic import planted_conversation
from levelfield.deliberation.tests.agreement import adjusted_rand
from levelfield.deliberation.tests.factories import ConversationFactory

pytestmark = pytest.mark.django_db

START = 1_700_000_000_000  # Pol.is timestamps are milliseconds


def _polis_export(participants: int, statements: int, groups: int) -> tuple[str, str, Planted]:
    """comments.csv and votes.csv text for a planted conversation. One vote in ten is
    first cast the other way and changed a minute later (the latest must win on both
    sides); the rows are shuffled, as a careless export might be."""
    planted = planted_conversation(
        participants=participants, statements=statements, groups=groups, seed=7
    )
    comments = io.StringIO()
    writer = csv.writer(comments, lineterminator="\n")
    writer.writerow(polis.COMMENTS_HEADER)
    for sid in range(1, statements + 1):
        writer.writerow([START, "x", sid, 0, 0, 0, 1, f"Statement {sid} about patient data"])
    rows = []
    rng = random.Random(7)
    for n, (pid, sid, vote) in enumerate(
        zip(planted.participant_ids, planted.statement_ids, planted.votes, strict=True)
    ):
        at = START + 120_000 + n
        if rng.random() < 0.1:
            rows.append([at - 60_000, "x", int(sid), int(pid), -int(vote) or 1])
        rows.append([at, "x", int(sid), int(pid), int(vote)])
    rng.shuffle(rows)
    votes = io.StringIO()
    writer = csv.writer(votes, lineterminator="\n")
    writer.writerow(polis.VOTES_HEADER)
    writer.writerows(rows)
    return votes.getvalue(), comments.getvalue(), planted


def _red_dwarf_groups(votes_csv: str) -> dict[int, int]:
    """red-dwarf's groups from votes.csv, read as its Loader reads a Pol.is CSV export
    (its own Vote model, then its rule that the most recent vote wins)."""
    reddwarf = pytest.importorskip("reddwarf.implementations.polis")
    from reddwarf.data_loader import Loader
    from reddwarf.models import Vote

    loader = Loader()
    loader.votes_data = [
        Vote(**row).model_dump(mode="json") for row in csv.DictReader(io.StringIO(votes_csv))
    ]
    loader.filter_duplicate_votes(keep="recent")
    result = reddwarf.run_pipeline(votes=loader.votes_data, random_state=0)
    return result.participants_df["cluster_id"].dropna().astype(int).to_dict()


def test_a_pol_is_export_gives_the_same_groups_here_and_in_red_dwarf() -> None:
    votes_csv, comments_csv, planted = _polis_export(participants=150, statements=30, groups=3)
    theirs = _red_dwarf_groups(votes_csv)
    conversation = ConversationFactory()

    done = polis.polis_import(
        conversation=conversation, actor=None, votes_csv=votes_csv, comments_csv=comments_csv
    )
    services.analysis_run(conversation=conversation)

    assert (done.statements, done.participants) == (30, 150)
    voter_of = {
        pk: int(name.removeprefix("Imported voter "))
        for pk, name in Participant.objects.filter(conversation=conversation).values_list(
            "pk", "name"
        )
    }
    latest = set(
        Reaction.objects.filter(statement__conversation=conversation).values_list(
            "participant_id", "statement__number", "vote"
        )
    )
    assert {(voter_of[p], s, v) for p, s, v in latest} == set(
        zip(
            planted.participant_ids.tolist(),
            planted.statement_ids.tolist(),
            planted.votes.tolist(),
            strict=True,
        )
    )
    conversation.refresh_from_db()
    result = conversation.analysis.result
    ours = {voter_of[pid]: group for pid, _, _, group in result["points"] if group >= 0}
    common = sorted(set(ours) & set(theirs))
    assert len(common) == len(ours) == len(theirs) == 150
    ari = adjusted_rand([ours[v] for v in common], [theirs[v] for v in common])
    against_planted = adjusted_rand(
        [ours[v] for v in common], [planted.planted[v] for v in common]
    )
    print(f"Pol.is export: ARI vs red-dwarf {ari:.3f}, vs planted {against_planted:.3f}")
    assert len(result["groups"]) == 3
    assert ari > 0.9
    assert against_planted > 0.8
