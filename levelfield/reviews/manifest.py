"""What the reviews app adds to the whole: see levelfield/lib/manifests.py."""

from __future__ import annotations

from typing import Any

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
from levelfield.reviews import personal, services


def _has_reviews(place: Any, person: Any) -> bool:
    """The collective (where the group is set up) and the research partners group."""
    from levelfield.reviews.models import ReviewGroup

    return place.kind == "collective" or ReviewGroup.objects.filter(place=place).exists()


GLOSSARY = (
    Term(
        _("Research partners group"),
        _(
            "A group of public contributors who review researchers' plans, such as a grant "
            "application or a leaflet, and say what would make them better."
        ),
    ),
    Term(
        _("Review request"),
        _(
            "A researcher asking the research partners group to look at something, "
            "with a deadline."
        ),
    ),
)


MANIFEST = AppManifest(
    label="reviews",
    glossary=GLOSSARY,
    export=personal.export,
    erase=personal.erase,
    needs=personal.needs,
    leaving=services.reviews_hand_back,
    coming_up=personal.coming_up,
    person_fields=(
        PersonField(
            "reviews.ReviewRequest.researcher",
            "review_requests_you_sent",
            Erasure.ANONYMISE,
            "the group's reviews of it stay",
        ),
        PersonField(
            "reviews.Review.reviewer",
            "reviews_you_wrote",
            Erasure.ANONYMISE,
            "its time stays in the group's involvement log",
        ),
        PersonField("reviews.Response.lead", "review_responses_you_led", Erasure.ANONYMISE),
        PersonField(
            "reviews.ResponseComment.author", "comments_on_review_responses", Erasure.ANONYMISE
        ),
        PersonField("reviews.Agreement.person", "review_responses_you_agreed", Erasure.DELETE),
        PersonField(
            "reviews.ReportBack.impact_recorded_by",
            "review_impact_you_recorded",
            Erasure.ANONYMISE,
        ),
    ),
    navigation=(
        NavigationEntry(
            label=_("Reviews of researchers' plans"),
            section="make",
            url=lambda place: reverse("reviews:place", args=[place.pk]),
            kinds=frozenset({"group", "collective"}),
            applies=_has_reviews,
            hint=_(
                "The research partners group reads researchers' plans for involving "
                "people and tells them what works and what is missing"
            ),
        ),
    ),
    demo=demo_module("levelfield.reviews.demo"),
    scale=scale_module("levelfield.reviews.scale"),
    scale_after=("collectives", "projects"),
)
