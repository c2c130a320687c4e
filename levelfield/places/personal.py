"""The places app's part of a person's data download and erasure (see manifest.py):
their memberships of every collective, group and project, and the coordinator job."""

from __future__ import annotations

from typing import Any

from levelfield.history.services import change_record
from levelfield.lib.manifests import ErasureContext, export_rows
from levelfield.places.models import JoinRequest, PlaceKind, PlaceMembership
from levelfield.places.services import place_members_counted


def export(person: Any) -> dict[str, list[dict]]:
    return {
        "memberships": export_rows(
            PlaceMembership.objects.filter(person=person).order_by("place__kind", "joined_at"),
            kind="place__kind",
            collective="place__collective__name",
            group="place__group_name",
            project="place__project__title",
            joined="joined_at",
            coordinator_since="coordinator_since",
            asked_to_coordinate="coordinator_asked_at",
        ),
        "coordinator_job_asks_you_made": export_rows(
            PlaceMembership.objects.filter(coordinator_asked_by=person),
            member="person__display_name",
            collective="place__collective__name",
            group="place__group_name",
            project="place__project__title",
            asked="coordinator_asked_at",
            because="coordinator_asked_because",
        ),
        "requests_to_join": export_rows(
            JoinRequest.objects.filter(person=person),
            collective="place__collective__name",
            project="place__project__title",
            message="message",
            asked="asked_at",
            status="status",
            decline_reason="decline_reason",
        ),
        "join_requests_you_answered": export_rows(
            JoinRequest.objects.filter(answered_by=person),
            member="person__display_name",
            collective="place__collective__name",
            project="place__project__title",
            status="status",
            answered="answered_at",
        ),
    }


LEFT = {
    PlaceKind.COLLECTIVE: "A member deleted their account and left the collective",
    PlaceKind.PROJECT: "A member deleted their account and left the project",
}


def erase(context: ErasureContext) -> None:
    """Each membership ends with a line in its place's history (the rows go with the
    account); time given stays in the place's log as a former member's; the reasons
    given for asking someone to coordinate keep no name."""
    memberships = PlaceMembership.objects.filter(person=context.person).select_related(
        "place__collective", "place__project"
    )
    for membership in memberships:
        place = membership.place
        summary = LEFT.get(
            place.kind, f"A member deleted their account and left the group “{place.name}”"
        )
        change_record(
            actor=context.person,
            action="account_deleted",
            summary=summary,
            subject=membership,
            before={"member": "A former member", "coordinator": membership.is_coordinator},
            **place.history_scope(),
        )
        # The rows go with the account (CASCADE) in this transaction: the count now.
        place_members_counted(place_id=place.pk, change=-1)
    context.forget(
        PlaceMembership.objects.filter(place__collective_id__in=context.collective_ids),
        ["coordinator_asked_because"],
    )
    context.forget(
        JoinRequest.objects.filter(place__collective_id__in=context.collective_ids),
        ["message", "decline_reason"],
    )
