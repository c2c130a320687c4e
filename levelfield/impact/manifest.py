"""What the impact app adds to the whole: see levelfield/lib/manifests.py."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from levelfield.impact import personal
from levelfield.impact.models import Impact
from levelfield.lib.manifests import (
    AppManifest,
    Erasure,
    NavigationEntry,
    PersonField,
    Term,
    demo_module,
    scale_module,
)


def _drafts(place: Any) -> int | None:
    """How many impacts wait to be published in the place, in one query."""
    return Impact.objects.in_place(place).filter(status="draft").count() or None


GLOSSARY = (
    Term(
        _("impact"),
        _(
            "What changed because people were involved: for patients, carers, services, "
            "policy, the way research is done, or the people involved themselves. An impact "
            "record says what changed, for whom and how we know."
        ),
    ),
    Term(
        _("evidence of impact"),
        _(
            "What shows a change really happened: feedback, figures, a letter, minutes, a "
            "changed leaflet or policy. It makes an impact believable in a report."
        ),
    ),
)

MANIFEST = AppManifest(
    label="impact",
    navigation=(
        NavigationEntry(
            label=_("Impact"),
            section="make",
            url=lambda place: reverse("impact:place_list", args=[place.pk]),
            kinds=frozenset({"collective", "group", "project"}),
            hint=_(
                "What changed because of our work, for whom, and how we know. The number "
                "is how many drafts wait for the coordinator to publish them."
            ),
            order=65,
            count=_drafts,
        ),
    ),
    glossary=GLOSSARY,
    recent=personal.recent,
    export=personal.export,
    erase=personal.erase,
    person_fields=(
        PersonField("impact.Impact.recorded_by", "impacts_you_recorded", Erasure.ANONYMISE),
        PersonField("impact.Impact.published_by", "impacts_you_published", Erasure.ANONYMISE),
    ),
    demo=demo_module("levelfield.impact.demo"),
    demo_after=("projects", "places", "outputs"),
    scale=scale_module("levelfield.impact.scale"),
    scale_after=("projects", "outputs"),
)
