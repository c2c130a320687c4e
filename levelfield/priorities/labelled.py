"""A labelled set for the grouping suggestions: questions written as people write them,
in groups that ask the same thing. Every pair inside a group is a duplicate; every pair
across groups is not. Used by `priorities_evaluate_grouping` and the tests, and by the
demo as seed questions."""

from __future__ import annotations

from itertools import combinations

GROUPS: list[list[str]] = [
    [
        "Does early physiotherapy after a stroke improve walking?",
        "Is starting physiotherapy early after stroke better for walking again?",
        "How soon after a stroke should physiotherapy start to help walking?",
    ],
    [
        "How can carers of stroke survivors be supported with their own mental health?",
        "What support helps the mental health of carers looking after someone after stroke?",
        "Carers get depressed too. What support for carers' mental health works?",
    ],
    [
        "What is the best way to treat fatigue after stroke?",
        "Which treatments reduce tiredness and fatigue after a stroke?",
        "Is there anything that helps with post-stroke fatigue?",
    ],
    [
        "Does speech and language therapy delivered online work as well as face to face?",
        "Is online speech therapy as good as face-to-face speech therapy for aphasia?",
    ],
    [
        "How can we help stroke survivors get back to work?",
        "What helps people return to work after a stroke?",
        "Which support helps stroke survivors returning to work?",
    ],
    [
        "Does music therapy help recovery of speech after stroke?",
        "Can singing or music therapy improve speech recovery after a stroke?",
    ],
    [
        "How can pain in the shoulder after stroke be prevented?",
        "What prevents shoulder pain in people who have had a stroke?",
    ],
    [
        "Do video games or virtual reality help arm recovery?",
        "Is virtual reality gaming useful for recovering arm movement after stroke?",
    ],
    [
        "What is the best way to manage anxiety after a stroke?",
        "Which treatments help anxiety in stroke survivors?",
    ],
    [
        "How can sleep problems after stroke be treated?",
        "What helps stroke survivors who cannot sleep well?",
    ],
    ["Does eating less salt prevent a second stroke?"],
    ["How do we make hospital discharge letters easier to understand?"],
    ["Are driving assessments after stroke fair to older people?"],
    ["What stops young stroke survivors from joining peer support groups?"],
]


def questions() -> list[str]:
    return [text for group in GROUPS for text in group]


def duplicate_pairs() -> set[tuple[int, int]]:
    """Index pairs (i < j) into `questions()` that ask the same thing."""
    pairs: set[tuple[int, int]] = set()
    start = 0
    for group in GROUPS:
        indexes = range(start, start + len(group))
        pairs.update(combinations(indexes, 2))
        start += len(group)
    return pairs


def evaluate(threshold: float | None = None) -> tuple[float, float, int, int]:
    """(precision, recall, suggested, true pairs) of the suggestions on this set."""
    from levelfield.priorities.similarity import THRESHOLD, similar_pairs

    truth = duplicate_pairs()
    found = {(i, j) for i, j, _ in similar_pairs(questions(), threshold=threshold or THRESHOLD)}
    hits = len(found & truth)
    precision = hits / len(found) if found else 1.0
    recall = hits / len(truth) if truth else 1.0
    return precision, recall, len(found), len(truth)
