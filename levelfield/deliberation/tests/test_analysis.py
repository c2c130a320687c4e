"""The analysis on synthetic conversations with planted groups, checked against
red-dwarf (the Python reimplementation of Pol.is) with an adjusted Rand index."""

from __future__ import annotations

import numpy as np
import pytest

from levelfield.deliberation.analysis import analyse, silhouette
from levelfield.deliberation.synthetic import planted_conversation
from levelfield.deliberation.tests.agreement import adjusted_rand


def _ours(conversation: object, seed: int = 0) -> object:
    return analyse(
        participant_ids=conversation.participant_ids,
        statement_ids=conversation.statement_ids,
        votes=conversation.votes,
        seed=seed,
    )


@pytest.mark.parametrize("groups", [2, 3])
def test_planted_groups_are_found_and_match_red_dwarf(groups: int) -> None:
    reddwarf = pytest.importorskip("reddwarf.implementations.polis")
    conversation = planted_conversation(participants=120, statements=40, groups=groups, seed=3)
    result = _ours(conversation)
    labels = result.labels
    theirs = reddwarf.run_pipeline(votes=conversation.as_polis_rows(), random_state=0)
    their_labels = theirs.participants_df["cluster_id"].dropna().astype(int).to_dict()
    common = sorted(set(labels) & set(their_labels))
    assert len(common) == len(labels) == len(their_labels)
    ari = adjusted_rand([labels[p] for p in common], [their_labels[p] for p in common])
    planted = adjusted_rand([labels[p] for p in common], [conversation.planted[p] for p in common])
    print(f"ARI vs red-dwarf {ari:.3f}, vs planted {planted:.3f}")
    assert len(result.groups) == groups
    assert ari > 0.9
    assert planted > 0.8


def test_the_same_votes_and_seed_give_the_same_result() -> None:
    conversation = planted_conversation(participants=80, statements=30, seed=5)
    assert _ours(conversation, seed=4).as_json() == _ours(conversation, seed=4).as_json()


def test_consensus_statements_are_found_across_groups() -> None:
    # Statements 1-3 (the first tenth) are planted as agreed by every group.
    conversation = planted_conversation(participants=150, statements=30, groups=3, seed=2)
    result = _ours(conversation)
    across = {sid for sid, direction, _ in result.group_consensus if direction == "agree"}
    assert across & {1, 2, 3}
    assert all(rep for group in result.groups for rep in [group.representative])


def test_people_with_few_reactions_are_mapped_but_not_grouped() -> None:
    result = analyse(
        participant_ids=[1, 1, 2], statement_ids=[1, 2, 1], votes=[1, -1, 0], min_votes=7
    )
    assert result.participants == 2
    assert result.grouped == 0
    assert result.groups == []
    assert {f.statement_id for f in result.figures} == {1, 2}


def test_an_empty_conversation_is_analysed_without_error() -> None:
    result = analyse(participant_ids=[], statement_ids=[], votes=[], all_statement_ids=[4, 5])
    assert result.reactions == 0
    assert [f.priority for f in result.figures] == [9.0, 9.0]


def test_perspective_consensus_only_counts_groups_of_five_or_more() -> None:
    conversation = planted_conversation(participants=60, statements=20, groups=2, seed=1)
    result = analyse(
        participant_ids=conversation.participant_ids,
        statement_ids=conversation.statement_ids,
        votes=conversation.votes,
        perspectives={"Carer": set(range(1, 31)), "Researcher": set(range(31, 61)), "Tiny": {1}},
    )
    assert result.perspective_groups == {"Carer": 30, "Researcher": 30}
    assert all(set(p.shares) == {"Carer", "Researcher"} for p in result.perspective_consensus)


def test_silhouette_matches_the_definition_on_a_small_case() -> None:
    points = np.array([[0.0, 0], [0, 1], [5, 0], [5, 1]])
    labels = np.array([0, 0, 1, 1])
    distances = np.sqrt(((points[:, None] - points[None]) ** 2).sum(-1))
    b = np.mean([5, np.sqrt(26)])
    assert silhouette(distances, labels) == pytest.approx((b - 1) / b)
