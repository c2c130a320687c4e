"""What the reflection app adds to the whole: see levelfield/lib/manifests.py."""

from __future__ import annotations

from django.urls import reverse

from levelfield.lib.manifests import (
    AppManifest,
    Erasure,
    NavigationEntry,
    PersonField,
    demo_module,
)
from levelfield.reflection import personal

MANIFEST = AppManifest(
    label="reflection",
    export=personal.export,
    erase=personal.erase,
    needs=personal.needs,
    person_fields=(
        PersonField(
            "reflection.QuestionSetVersion.created_by",
            "question_sets_you_changed",
            Erasure.ANONYMISE,
        ),
        PersonField(
            "reflection.CheckInRound.created_by", "check_ins_you_started", Erasure.ANONYMISE
        ),
        PersonField(
            "reflection.Respondent.person",
            "check_ins_you_answered",
            Erasure.DELETE,
            "answers already unlinked at closing stay, as everyone's do",
        ),
        PersonField(
            "reflection.Action.recorded_by", "check_in_actions_you_recorded", Erasure.ANONYMISE
        ),
    ),
    demo=demo_module("levelfield.reflection.demo"),
    demo_after=("projects", "places"),
    navigation=(
        NavigationEntry(
            label="Check-ins: how equally are we working?",
            section="check",
            url=lambda place: reverse("reflection:place_rounds", args=[place.pk]),
            hint="Anonymous rounds of questions, with results once enough people answer",
            order=10,
        ),
        NavigationEntry(
            label="Evidence from the record",
            section="check",
            url=lambda place: reverse("reflection:place_evidence", args=[place.pk]),
            kinds=frozenset({"project"}),
            hint="Was it really co-produced? What the project's own records show",
            order=20,
        ),
    ),
)
