"""The projects app's part of a person's data download and erasure (see manifest.py)."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Min, Q
from django.urls import reverse

from levelfield.lib.manifests import NEEDS_SHOWN, ErasureContext, Need, export_rows
from levelfield.lib.words import plural
from levelfield.projects.models import (
    InvolvementEntry,
    Participation,
    Project,
    ProjectJoinRequest,
)


def export(person: Any) -> dict[str, list[dict]]:
    return {
        "projects_you_started": export_rows(
            Project.objects.filter(created_by=person), project="title", created="created_at"
        ),
        "requests_to_join_projects": export_rows(
            ProjectJoinRequest.objects.filter(person=person),
            project="project__title",
            message="message",
            asked="asked_at",
            status="status",
            decline_reason="decline_reason",
        ),
        "join_requests_you_answered": export_rows(
            ProjectJoinRequest.objects.filter(answered_by=person),
            project="project__title",
            status="status",
            answered="answered_at",
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
    where = {"project_id__in": context.project_ids}
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
    context.forget(ProjectJoinRequest.objects.filter(**where), ["message", "decline_reason"])


def needs(person: Any) -> list[Need]:
    """Requests to join waiting in the projects the person coordinates, one line per
    project (as the collective's do: any member may answer, the coordinator is told)."""
    if not getattr(person, "is_authenticated", False):
        return []
    rows = (
        ProjectJoinRequest.objects.pending()
        .filter(
            project__place__memberships__person=person,
            project__place__memberships__coordinator_since__isnull=False,
        )
        .values("project__place__id", "project__title")
        .annotate(count=Count("pk"), first=Min("asked_at"))
        .order_by("first", "project__title")[:NEEDS_SHOWN]
    )
    return [
        Need(
            label=f"Answer {plural(row['count'], 'request')} to join",
            url=reverse("places:members", args=[row["project__place__id"]]),
            place=row["project__title"],
            kind="join_request",
        )
        for row in rows
    ]
