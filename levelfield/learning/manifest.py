"""What the learning app adds to the whole: see levelfield/lib/manifests.py."""

from __future__ import annotations

from levelfield.lib.manifests import AppManifest, demo_module, scale_module

MANIFEST = AppManifest(
    label="learning",
    person_fields=(
        "learning.Course.created_by",
        "learning.Course.facilitators",
        "learning.Enrolment.person",
        "learning.Circle.members",
        "learning.CircleMembership.person",
        "learning.CircleSession.themes_by",
        "learning.CirclePost.person",
    ),
    demo=demo_module("levelfield.learning.demo"),
    scale=scale_module("levelfield.learning.scale"),
    scale_after=("collectives",),
)
