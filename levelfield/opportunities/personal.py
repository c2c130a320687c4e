"""The opportunities app's part of a person's data download, erasure and home page
(see manifest.py). Expressions of interest carry names, email addresses and access
needs: they are the person's, found by account or by any address they used, and erased."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from levelfield.lib.manifests import NEEDS_SHOWN, ErasureContext, Need, export_rows
from levelfield.opportunities.models import Interest, Opportunity, Preference, Selection, State
from levelfield.people.services import email_is_one_of, person_addresses
from levelfield.places.models import PlaceMembership


def _interests_of(person: Any, addresses: set[str]) -> Any:
    return Interest.objects.filter(Q(person=person) | email_is_one_of(addresses))


def export(person: Any) -> dict[str, list[dict]]:
    preference = Preference.objects.filter(person=person).prefetch_related("topics").first()
    return {
        "opportunities_you_wrote": export_rows(
            Opportunity.objects.filter(created_by=person),
            title="title",
            state="state",
            written="created_at",
            closes="closes_on",
        ),
        "opportunities_you_checked": export_rows(
            Opportunity.objects.filter(checked_by=person),
            title="title",
            state="state",
            comments="sent_back_comments",
        ),
        "your_interest_in_opportunities": export_rows(
            _interests_of(person, person_addresses(person)),
            opportunity="opportunity__title",
            name="name",
            email="email",
            why="why",
            perspectives="perspectives",
            access_needs="access_needs",
            sent="created_at",
            outcome="outcome",
            told="told_at",
            keep_in_mind="keep_in_mind",
        ),
        "selections_you_finished": export_rows(
            Selection.objects.filter(finished_by=person),
            opportunity="opportunity__title",
            places="places",
            seed="seed",
            finished="finished_at",
        ),
        "opportunities_you_want_to_hear_about": []
        if preference is None
        else [
            {
                "topics": [topic.name for topic in preference.topics.all()],
                "kinds_of_involvement": preference.involvements,
            }
        ],
    }


def erase(context: ErasureContext) -> None:
    """Their expressions of interest (by account or address) and their choices go.
    Opportunities they wrote or checked stay with their place, with no name of theirs."""
    _interests_of(context.person, context.addresses).delete()
    Preference.objects.filter(person=context.person).delete()
    Opportunity.objects.filter(created_by=context.person).update(created_by=None)
    Opportunity.objects.filter(checked_by=context.person).update(checked_by=None)
    # A selection they finished stays (the people told and invited rely on it), unnamed.
    # Reach totals hold nothing of anyone's, so there is nothing of theirs to erase.
    Selection.objects.filter(finished_by=context.person).update(finished_by=None)
    context.forget(
        Opportunity.objects.filter(context.places("place__project", "place__collective")),
        ["summary", "who_for", "how_to_ask", "sent_back_comments", "accessibility"],
    )


def needs(person: Any) -> list[Need]:
    """For coordinators: opportunities waiting to be checked in their collectives. For
    writers: drafts sent back with comments. One query for both."""
    coordinated = (
        PlaceMembership.objects.in_collectives()
        .filter(person=person, coordinator_since__isnull=False)
        .values("place__collective_id")
    )
    rows = (
        Opportunity.objects.filter(
            Q(state=State.SUBMITTED, place__collective_id__in=coordinated)
            | Q(created_by=person, state=State.DRAFT, sent_back_at__isnull=False)
        )
        .with_place()
        .order_by("closes_on", "pk")[: 2 * NEEDS_SHOWN]
    )
    waiting, sent_back = [], []
    for opportunity in rows:
        if opportunity.state == State.SUBMITTED:
            waiting.append(
                Need(
                    label=_("Check the opportunity: %(title)s") % {"title": opportunity.title},
                    url=reverse("opportunities:check", args=[opportunity.pk]),
                    place=opportunity.place.name,
                    due=opportunity.closes_on,
                    kind="opportunity_check",
                )
            )
        else:
            sent_back.append(
                Need(
                    label=_("Sent back with comments: %(title)s") % {"title": opportunity.title},
                    url=reverse("opportunities:manage", args=[opportunity.pk]),
                    place=opportunity.place.name,
                    due=opportunity.closes_on,
                    kind="opportunity_sent_back",
                )
            )
    return waiting[:NEEDS_SHOWN] + sent_back[:NEEDS_SHOWN]
