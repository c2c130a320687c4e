"""Suggestions of duplicate questions, measured on the labelled set."""

from __future__ import annotations

from io import StringIO

from django.core.management import call_command

from levelfield.priorities.labelled import evaluate
from levelfield.priorities.similarity import similar_pairs, stems


def test_word_forms_meet_and_small_words_are_dropped() -> None:
    assert stems("carers") == stems("carer")
    assert "the" not in stems("the fatigue")
    assert stems("walking") == stems("walks")


def test_the_same_question_in_other_words_is_suggested_and_unrelated_ones_are_not() -> None:
    pairs = similar_pairs(
        [
            "What is the best way to treat fatigue after stroke?",
            "Which treatments reduce fatigue after a stroke?",
            "How do we make hospital discharge letters easier to understand?",
        ]
    )
    assert [(i, j) for i, j, _ in pairs] == [(0, 1)]


def test_precision_and_recall_on_the_labelled_set_stay_good() -> None:
    precision, recall, _, _ = evaluate()
    assert precision >= 0.75
    assert recall >= 0.9


def test_the_command_reports_precision_and_recall() -> None:
    out = StringIO()
    call_command("priorities_evaluate_grouping", stdout=out)
    assert "precision 0.77, recall 0.94" in out.getvalue()
