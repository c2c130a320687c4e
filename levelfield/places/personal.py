"""The places app's part of a person's data download and erasure (see manifest.py)."""

from __future__ import annotations

from typing import Any

from levelfield.history.services import change_record
from levelfield.lib.manifests import ErasureContext, export_rows
from levelfield.places.models import PlaceMembership


def export(person: Any) -> dict[str, list[dict]]:
    return {
        "group_memberships": export_rows(
            PlaceMembership.objects.filter(person=person),
            group="place__group_name",
            collective="place__collective__name",
            joined="joined_at",
            coordinator_since="coordinator_since",
        ),
        "coordinator_job_asks_you_made_in_groups": export_rows(
            PlaceMembership.objects.filter(coordinator_asked_by=person),
            group="place__group_name",
            because="coordinator_asked_because",
        ),
    }


def erase(context: ErasureContext) -> None:
    """Each group membership ends with a line in the collective's history (the rows go
    with the account); time given in a group stays in its log as a former member's."""
    memberships = PlaceMembership.objects.filter(person=context.person).select_related(
        "place__collective"
    )
    for membership in memberships:
        change_record(
            actor=context.person,
            action="account_deleted",
            summary=f"A member deleted their account and left the group “{membership.place.name}”",
            subject=membership,
            subject_type="placemembership",
            collective=membership.place.collective,
        )
    context.forget(
        PlaceMembership.objects.filter(place__collective_id__in=context.collective_ids),
        ["coordinator_asked_because"],
    )
