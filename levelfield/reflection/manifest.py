"""What the reflection app adds to the whole: see levelfield/lib/manifests.py."""

from __future__ import annotations

from levelfield.lib.manifests import AppManifest, demo_module

MANIFEST = AppManifest(
    label="reflection",
    person_fields=(
        "reflection.QuestionSetVersion.created_by",
        "reflection.CheckInRound.created_by",
        "reflection.Respondent.person",
        "reflection.Action.recorded_by",
    ),
    demo=demo_module("levelfield.reflection.demo"),
)
