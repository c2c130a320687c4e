"""What the reflection app adds to the whole: see levelfield/lib/manifests.py."""

from __future__ import annotations

from levelfield.lib.manifests import AppManifest, Erasure, PersonField, demo_module
from levelfield.reflection import personal

MANIFEST = AppManifest(
    label="reflection",
    export=personal.export,
    erase=personal.erase,
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
)
