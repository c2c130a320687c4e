"""What the collectives app adds to the whole: see levelfield/lib/manifests.py."""

from __future__ import annotations

from levelfield.lib.manifests import AppManifest, scale_module

MANIFEST = AppManifest(
    label="collectives",
    person_fields=(
        "collectives.Collective.created_by",
        "collectives.Collective.members",
        "collectives.CollectiveMembership.coordinator_asked_by",
        "collectives.CollectiveMembership.person",
    ),
    scale=scale_module("levelfield.collectives.scale"),
    scale_after=("people",),
)
