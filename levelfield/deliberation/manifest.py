"""What the deliberation app adds to the whole: see levelfield/lib/manifests.py."""

from __future__ import annotations

from levelfield.lib.manifests import AppManifest, demo_module, scale_module

MANIFEST = AppManifest(
    label="deliberation",
    person_fields=(
        "deliberation.Conversation.created_by",
        "deliberation.Participant.person",
    ),
    demo=demo_module("levelfield.deliberation.demo"),
    scale=scale_module("levelfield.deliberation.scale"),
    scale_after=("projects",),
)
