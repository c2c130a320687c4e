"""What the resources app adds to the whole: see levelfield/lib/manifests.py."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from levelfield.lib.manifests import (
    AppManifest,
    Erasure,
    NavigationEntry,
    PersonField,
    Term,
    demo_module,
    scale_module,
)
from levelfield.resources import personal

GLOSSARY = (
    Term(
        _("Resource map"),
        _(
            "The collective's shared list of useful guides, tools and contacts, searchable by "
            "topic."
        ),
    ),
)


MANIFEST = AppManifest(
    label="resources",
    glossary=GLOSSARY,
    export=personal.export,
    erase=personal.erase,
    person_fields=(
        PersonField(
            "resources.Resource.suggested_by", "resources_you_suggested", Erasure.ANONYMISE
        ),
        PersonField(
            "resources.Resource.answered_by",
            "resource_suggestions_you_answered",
            Erasure.ANONYMISE,
        ),
    ),
    demo=demo_module("levelfield.resources.demo"),
    scale=scale_module("levelfield.resources.scale"),
    scale_after=("collectives",),
    navigation=(
        NavigationEntry(
            _("Resource map"),
            "make",
            lambda place: reverse("resources:map", args=[place.collective.slug]),
            kinds=frozenset({"collective"}),
            hint=_("Guides, tools and places to get help, for each stage of research."),
            order=60,
        ),
    ),
)
