"""The collectives app's part of a person's data download and erasure (see manifest.py)."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Min
from django.urls import reverse

from levelfield.collectives.models import Collective, CollectiveJoinRequest
from levelfield.lib.manifests import NEEDS_SHOWN, ErasureContext, Happening, Need, export_rows
from levelfield.lib.words import plural
from levelfield.places.models import PlaceMembership


def export(person: Any) -> dict[str, list[dict]]:
    return {
        "collectives_you_started": export_rows(
            Collective.objects.filter(created_by=person), collective="name", created="created_at"
        ),
        "requests_to_join_collectives": export_rows(
            CollectiveJoinRequest.objects.filter(person=person),
            collective="collective__name",
            message="message",
            asked="asked_at",
            status="status",
            decline_reason="decline_reason",
        ),
        "collective_join_requests_you_answered": export_rows(
            CollectiveJoinRequest.objects.filter(answered_by=person),
            collective="collective__name",
            status="status",
            answered="answered_at",
        ),
    }


def needs(person: Any) -> list[Need]:
    """Requests to join waiting in the collectives the person coordinates (the people
    who answer them, `services.ANSWER_JOIN_REQUEST`), one line per collective."""
    if not getattr(person, "is_authenticated", False):
        return []
    rows = (
        CollectiveJoinRequest.objects.pending()
        .filter(
            collective_id__in=PlaceMembership.objects.in_collectives()
            .coordinators()
            .filter(person=person)
            .values("place__collective_id"),
        )
        .values("collective__slug", "collective__name")
        .annotate(count=Count("pk"), first=Min("asked_at"))
        .order_by("first", "collective__name")[:NEEDS_SHOWN]
    )
    return [
        Need(
            label=f"Answer {plural(row['count'], 'request')} to join",
            url=reverse("collectives:join_requests", args=[row["collective__slug"]]),
            place=row["collective__name"],
            kind="join_request",
        )
        for row in rows
    ]


def erase(context: ErasureContext) -> None:
    """The collectives they were in and their requests to join keep no name (their
    memberships are the places app's)."""
    context.forget(Collective.objects.filter(pk__in=context.collective_ids))
    context.forget(
        CollectiveJoinRequest.objects.filter(collective_id__in=context.collective_ids),
        ["message", "decline_reason"],
    )


def coming_up(person: Any) -> list[Happening]:
    """The person's own requests to join a collective, waiting for an answer."""
    if not getattr(person, "is_authenticated", False):
        return []
    waiting = (
        CollectiveJoinRequest.objects.pending()
        .filter(person=person)
        .select_related("collective")
        .only("asked_at", "collective__name", "collective__slug")
        .order_by("asked_at", "pk")[:NEEDS_SHOWN]
    )
    return [
        Happening(
            label=f"An answer to your request to join {request.collective.name}, "
            f"sent on {request.asked_at:%-d %B %Y}",
            url=reverse("collectives:ask_to_join", args=[request.collective.slug]),
            when=None,
            place=request.collective.name,
            kind="join_request_waiting",
        )
        for request in waiting
    ]
