"""What the places app adds to the whole: see levelfield/lib/manifests.py."""

from __future__ import annotations

from django.urls import reverse

from levelfield.lib.manifests import (
    AppManifest,
    Erasure,
    NavigationEntry,
    PersonField,
    demo_module,
)
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
    navigation=(
        NavigationEntry(
            "Involvement log: what we did together and who took part",
            "time",
            lambda place: reverse("places:log", args=[place.pk]),
            hint="Every meeting and piece of work, with who took part and for how long.",
            order=10,
        ),
        NavigationEntry(
            "Members",
            "people",
            lambda place: reverse("places:members", args=[place.pk]),
            kinds=frozenset({"group"}),
            hint="Everyone in the group, and who has the coordinator job.",
            order=10,
        ),
        NavigationEntry(
            "Leave this group",
            "about",
            lambda place: reverse("places:group_leave", args=[place.pk]),
            kinds=frozenset({"group"}),
            order=90,
        ),
    ),
)
