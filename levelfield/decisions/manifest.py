"""What the decisions app adds to the whole: see levelfield/lib/manifests.py."""

from __future__ import annotations

from levelfield.lib.manifests import AppManifest, scale_module

MANIFEST = AppManifest(
    label="decisions",
    person_fields=(
        "decisions.Decision.created_by",
        "decisions.Option.added_by",
        "decisions.DiscussionPoint.author",
        "decisions.Response.person",
        "decisions.Voter.person",
        "decisions.Outcome.written_by",
    ),
    scale=scale_module("levelfield.decisions.scale"),
    scale_after=("projects",),
)
