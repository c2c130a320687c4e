"""What the collectives app adds to the whole: see levelfield/lib/manifests.py."""

from __future__ import annotations

from levelfield.collectives import personal
from levelfield.lib.manifests import (
    AppManifest,
    Erasure,
    PersonField,
    demo_world_module,
    scale_module,
)

MANIFEST = AppManifest(
    label="collectives",
    export=personal.export,
    erase=personal.erase,
    person_fields=(
        PersonField(
            "collectives.Collective.created_by", "collectives_you_started", Erasure.ANONYMISE
        ),
        PersonField("collectives.Collective.members", "collective_memberships", Erasure.DELETE),
        PersonField(
            "collectives.CollectiveMembership.coordinator_asked_by",
            "coordinator_job_asks_you_made",
            Erasure.ANONYMISE,
        ),
        PersonField(
            "collectives.CollectiveMembership.person", "collective_memberships", Erasure.DELETE
        ),
    ),
    demo=demo_world_module("levelfield.collectives.demo"),
    demo_after=("people",),
    scale=scale_module("levelfield.collectives.scale"),
    scale_after=("people",),
)
