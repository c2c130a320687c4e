"""The projects app's part of a person's data download and erasure (see manifest.py)."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Min, Q
from django.urls import reverse
from django.utils.translation import ngettext

from levelfield.lib.manifests import NEEDS_SHOWN, ErasureContext, Need, export_rows
from levelfield.lib.words import number
from levelfield.places.models import JoinRequest, PlaceMembership
from levelfield.projects.models import (
    InvolvementEntry,
    Participation,
    Project,
)


def export(person: Any) -> dict[str, list[dict]]:
    return {
        "projects_you_started": export_rows(
            Project.objects.filter(created_by=person), project="title", created="created_at"
        ),
        "involvement": export_rows(
            Participation.objects.filter(person=person),
            project="entry__place__project__title",
            group="entry__place__group_name",
            collective="entry__place__collective__name",
            what_happened="entry__title",
            date="entry__happened_on",
            stage="entry__stage",
            minutes="minutes",
        ),
        "involvement_entries_recorded": export_rows(
            InvolvementEntry.objects.filter(recorded_by=person),
            project="place__project__title",
            group="place__group_name",
            collective="place__collective__name",
            what_happened="title",
            date="happened_on",
            stage="stage",
            kind="kind",
            more_detail="description",
            what_changed="what_changed",
            recorded="created_at",
        ),
    }


def erase(context: ErasureContext) -> None:
    """Time the person gave stays in the involvement log with no name ("A former
    member"), so project totals do not change; their names go from the log's text and the
    projects' descriptions (their memberships are the places app's)."""
    # Entries of the projects they were in, and of their collectives' own places and
    # groups (a Cuppa's entry names who came).
    context.forget(
        InvolvementEntry.objects.filter(
            Q(place__project_id__in=context.project_ids)
            | Q(place__project__isnull=True, place__collective_id__in=context.collective_ids)
        ),
        ["title", "description", "what_changed"],
    )
    context.forget(Project.objects.filter(pk__in=context.project_ids))


def needs(person: Any) -> list[Need]:
    """Requests to join waiting in the projects the person coordinates, one line per
    project (as the collective's do: any member may answer, the coordinator is told)."""
    if not getattr(person, "is_authenticated", False):
        return []
    rows = (
        JoinRequest.objects.pending()
        .filter(
            place__in=PlaceMembership.objects.in_projects()
            .coordinators()
            .filter(person=person)
            .values("place_id"),
        )
        .values("place_id", "place__project__title")
        .annotate(count=Count("pk"), first=Min("asked_at"))
        .order_by("first", "place__project__title")[:NEEDS_SHOWN]
    )
    return [
        Need(
            label=ngettext(
                "Answer %(count)s request to join",
                "Answer %(count)s requests to join",
                row["count"],
            )
            % {"count": number(row["count"])},
            url=reverse("places:members", args=[row["place_id"]]),
            place=row["place__project__title"],
            kind="join_request",
        )
        for row in rows
    ]
