"""What the opportunities app adds to the whole: see levelfield/lib/manifests.py."""

from __future__ import annotations

from django.urls import reverse

from levelfield.lib.manifests import (
    AppManifest,
    Erasure,
    NavigationEntry,
    PersonField,
    demo_module,
    scale_module,
)
from levelfield.opportunities import personal

MANIFEST = AppManifest(
    label="opportunities",
    export=personal.export,
    erase=personal.erase,
    needs=personal.needs,
    navigation=(
        NavigationEntry(
            label="Involvement opportunities",
            section="public",
            url=lambda place: reverse("opportunities:place_list", args=[place.pk]),
            hint="Ask people outside to get involved: write a role, have it checked, and "
            "put it on the public board.",
            order=30,
        ),
    ),
    person_fields=(
        PersonField(
            "opportunities.Opportunity.created_by", "opportunities_you_wrote", Erasure.ANONYMISE
        ),
        PersonField(
            "opportunities.Opportunity.checked_by", "opportunities_you_checked", Erasure.ANONYMISE
        ),
        PersonField(
            "opportunities.Interest.person", "your_interest_in_opportunities", Erasure.DELETE
        ),
        PersonField(
            "opportunities.Preference.person",
            "opportunities_you_want_to_hear_about",
            Erasure.DELETE,
        ),
    ),
    demo=demo_module("levelfield.opportunities.demo"),
    demo_after=("places", "projects", "stories"),
    scale=scale_module("levelfield.opportunities.scale"),
    scale_after=("collectives", "projects"),
)
