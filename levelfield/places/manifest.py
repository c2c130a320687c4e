"""What the places app adds to the whole: see levelfield/lib/manifests.py."""

from __future__ import annotations

from levelfield.lib.manifests import AppManifest, Erasure, PersonField, demo_module
from levelfield.places import personal

MANIFEST = AppManifest(
    label="places",
    export=personal.export,
    erase=personal.erase,
    person_fields=(
        PersonField("places.PlaceMembership.person", "group_memberships", Erasure.DELETE),
        PersonField(
            "places.PlaceMembership.coordinator_asked_by",
            "coordinator_job_asks_you_made_in_groups",
            Erasure.ANONYMISE,
        ),
    ),
    demo=demo_module("levelfield.places.demo"),
    demo_after=("collectives", "projects"),
)
