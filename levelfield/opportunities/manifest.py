"""What the opportunities app adds to the whole: see levelfield/lib/manifests.py."""

from __future__ import annotations

from typing import Any

from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext_lazy

from levelfield.lib.manifests import (
    AppManifest,
    EasyReadable,
    Erasure,
    NavigationEntry,
    PersonField,
    Term,
    Translatable,
    demo_module,
    scale_module,
)
from levelfield.opportunities import access, personal
from levelfield.opportunities.models import Opportunity
from levelfield.places.access import is_place_member

GLOSSARY = (
    Term(
        gettext_lazy("Equality monitoring"),
        gettext_lazy(
            "A few optional questions about who people are (such as age, ethnic group or "
            "disability), asked so a team can see whether it reaches everyone. Every answer is "
            "optional, “Prefer not to say” is always there, and the answers are kept only as "
            "totals, never with anyone’s name."
        ),
    ),
    Term(
        gettext_lazy("Reach"),
        gettext_lazy(
            "How well an opportunity gets to everyone, including people who are less often "
            "heard. Organisers compare who expressed interest with who took part in the end, "
            "to see where people drop out. Totals under 5 are not shown."
        ),
    ),
    Term(
        gettext_lazy("Keep in mind"),
        gettext_lazy(
            "When you are not chosen for an opportunity, you can ask the collective to keep "
            "you in mind: organisers of its later opportunities then see your name and email "
            "address and may contact you. You can change your answer at any time."
        ),
    ),
)


def opportunity_to_translate(person: Any, pk: int) -> Opportunity:
    """A live opportunity is anyone's to read; any other is its place's members'."""
    try:
        return access.opportunity_public(pk)
    except Http404:
        return access.opportunity_for_member(person, pk).opportunity


def may_translate_opportunity(person: Any, opportunity: Opportunity) -> bool:
    """Members of the opportunity's place (who write it)."""
    return is_place_member(person, opportunity.place_id)


TRANSLATABLE = (
    Translatable(
        model="opportunities.Opportunity",
        fields=(
            "title",
            "summary",
            "who_for",
            "time_needed",
            "accessibility",
            "payment",
            "gains",
            "how_to_ask",
        ),
        label=gettext_lazy("opportunity"),
        find=opportunity_to_translate,
        may_translate=may_translate_opportunity,
    ),
)

EASY_READ = (
    EasyReadable(
        model="opportunities.Opportunity",
        label=TRANSLATABLE[0].label,  # the same words, translated where it is
        find=opportunity_to_translate,
        may_write=may_translate_opportunity,
        source_fields=TRANSLATABLE[0].fields,
    ),
)

MANIFEST = AppManifest(
    label="opportunities",
    translatable=TRANSLATABLE,
    easy_read=EASY_READ,
    export=personal.export,
    erase=personal.erase,
    needs=personal.needs,
    navigation=(
        NavigationEntry(
            label=gettext_lazy("Involvement opportunities"),
            section="public",
            url=lambda place: reverse("opportunities:place_list", args=[place.pk]),
            hint=gettext_lazy(
                "Ask people outside to get involved: write a role, have it checked, and "
                "put it on the public board."
            ),
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
            "opportunities.Selection.finished_by",
            "selections_you_finished",
            Erasure.ANONYMISE,
        ),
        PersonField(
            "opportunities.Preference.person",
            "opportunities_you_want_to_hear_about",
            Erasure.DELETE,
        ),
    ),
    glossary=GLOSSARY,
    demo=demo_module("levelfield.opportunities.demo"),
    demo_after=("places", "projects", "stories"),
    scale=scale_module("levelfield.opportunities.scale"),
    scale_after=("collectives", "projects"),
)
