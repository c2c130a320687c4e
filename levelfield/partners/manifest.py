"""What the partners app adds to the whole: see levelfield/lib/manifests.py."""

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
from levelfield.partners import personal

MANIFEST = AppManifest(
    label="partners",
    export=personal.export,
    erase=personal.erase,
    navigation=(
        NavigationEntry(
            label=_("Partner organisations"),
            section="people",
            url=lambda place: reverse("partners:place_list", args=[place.pk]),
            kinds=frozenset({"collective"}),
            hint=_(
                "The organisations we work with and for, their contacts, and what we did "
                "with them: projects, events, training, workshops, and the income they brought."
            ),
            order=60,
        ),
        NavigationEntry(
            label=_("Partner organisations in this work"),
            section="people",
            url=lambda place: reverse("partners:place_linked", args=[place.pk]),
            kinds=frozenset({"project", "group"}),
            hint=_(
                "The organisations we worked with or for on this, as the collective records them."
            ),
            order=60,
        ),
    ),
    person_fields=(
        PersonField(
            "partners.Contact.person",
            "partner_contacts",
            Erasure.DELETE,
            "a contact's details are deleted with them",
        ),
    ),
    demo=demo_module("levelfield.partners.demo"),
    demo_after=("projects", "events", "places"),
    scale=scale_module("levelfield.partners.scale"),
    scale_after=("collectives", "projects", "events"),
)
