"""What the outputs app adds to the whole: see levelfield/lib/manifests.py."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from levelfield.lib.manifests import (
    AppManifest,
    Erasure,
    NavigationEntry,
    PersonField,
    demo_module,
    scale_module,
)
from levelfield.outputs import personal

MANIFEST = AppManifest(
    label="outputs",
    navigation=(
        NavigationEntry(
            label=_("Outputs and credit"),
            section="make",
            url=lambda place: reverse("outputs:place_list", args=[place.pk]),
            kinds=frozenset({"collective", "group", "project"}),
            hint=_(
                "Papers, talks, lay summaries and more, with everyone who made them "
                "credited for what they did."
            ),
            order=60,
        ),
    ),
    export=personal.export,
    erase=personal.erase,
    person_fields=(
        PersonField("outputs.Output.created_by", "outputs_you_recorded", Erasure.ANONYMISE),
        PersonField(
            "outputs.Contributor.person",
            "outputs_you_are_credited_for",
            Erasure.KEEP,
            (
                "an author list of a published output (with a DOI or web address, or on "
                "the public page) is public scholarly record: the name as credited and the "
                "roles stay; the link to the account, the ORCID iD and the perspective go; "
                "on outputs not published the name goes too"
            ),
        ),
        PersonField("outputs.OrcidRecord.person", "your_orcid_id", Erasure.DELETE),
    ),
    demo=demo_module("levelfield.outputs.demo"),
    demo_after=("projects", "places"),
    scale=scale_module("levelfield.outputs.scale"),
    scale_after=("projects",),
)
