"""The collectives app's part of a person's data download and erasure (see manifest.py)."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Min
from django.urls import reverse
from django.utils.translation import gettext, ngettext

from levelfield.collectives.models import Collective
from levelfield.lib.manifests import NEEDS_SHOWN, ErasureContext, Happening, Need, export_rows
from levelfield.lib.words import number
from levelfield.places.models import JoinRequest, PlaceKind, PlaceMembership


def export(person: Any) -> dict[str, list[dict]]:
    return {
        "collectives_you_started": export_rows(
            Collective.objects.filter(created_by=person), collective="name", created="created_at"
        ),
    }


def needs(person: Any) -> list[Need]:
    """Requests to join waiting in the collectives the person coordinates (the people
    who answer them, `services.ANSWER_JOIN_REQUEST`), one line per collective."""
    if not getattr(person, "is_authenticated", False):
        return []
    rows = (
        JoinRequest.objects.pending()
        .filter(
            place__in=PlaceMembership.objects.in_collectives()
            .coordinators()
            .filter(person=person)
            .values("place_id"),
        )
        .values("place__collective__slug", "place__collective__name")
        .annotate(count=Count("pk"), first=Min("asked_at"))
        .order_by("first", "place__collective__name")[:NEEDS_SHOWN]
    )
    return [
        Need(
            label=ngettext(
                "Answer %(count)s request to join",
                "Answer %(count)s requests to join",
                row["count"],
            )
            % {"count": number(row["count"])},
            url=reverse("collectives:join_requests", args=[row["place__collective__slug"]]),
            place=row["place__collective__name"],
            kind="join_request",
        )
        for row in rows
    ]


def erase(context: ErasureContext) -> None:
    """The collectives they were in and their requests to join keep no name (their
    memberships are the places app's)."""
    context.forget(Collective.objects.filter(pk__in=context.collective_ids))


def coming_up(person: Any) -> list[Happening]:
    """The person's own requests to join a collective, waiting for an answer."""
    if not getattr(person, "is_authenticated", False):
        return []
    waiting = (
        JoinRequest.objects.pending()
        .filter(person=person, place__kind=PlaceKind.COLLECTIVE)
        .select_related("place__collective")
        .only("asked_at", "place__collective__name", "place__collective__slug")
        .order_by("asked_at", "pk")[:NEEDS_SHOWN]
    )
    return [
        Happening(
            label=gettext("An answer to your request to join %(name)s, sent on %(day)s")
            % {"name": request.collective.name, "day": f"{request.asked_at:%-d %B %Y}"},
            url=reverse("collectives:ask_to_join", args=[request.collective.slug]),
            when=None,
            place=request.collective.name,
            kind="join_request_waiting",
        )
        for request in waiting
    ]
