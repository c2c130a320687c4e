"""What the priorities app adds to the whole: see levelfield/lib/manifests.py."""

from __future__ import annotations

from levelfield.lib.manifests import AppManifest, demo_module

MANIFEST = AppManifest(
    label="priorities",
    person_fields=(
        "priorities.Partnership.created_by",
        "priorities.SteeringMember.person",
        "priorities.SummaryQuestion.created_by",
        "priorities.Idea.created_by",
        "priorities.Idea.owners",
        "priorities.IdeaOwner.person",
        "priorities.IdeaComment.author",
    ),
    demo=demo_module("levelfield.priorities.demo"),
)
