"""What the resources app adds to the whole: see levelfield/lib/manifests.py."""

from __future__ import annotations

from levelfield.lib.manifests import AppManifest, demo_module, scale_module

MANIFEST = AppManifest(
    label="resources",
    person_fields=(
        "resources.Resource.suggested_by",
        "resources.Resource.answered_by",
    ),
    demo=demo_module("levelfield.resources.demo"),
    scale=scale_module("levelfield.resources.scale"),
    scale_after=("collectives",),
)
