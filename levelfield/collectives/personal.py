"""The collectives app's part of a person's data download and erasure (see manifest.py)."""

from __future__ import annotations

from typing import Any

from levelfield.collectives.models import Collective, CollectiveMembership
from levelfield.history.services import change_record
from levelfield.lib.manifests import ErasureContext, export_rows


def export(person: Any) -> dict[str, list[dict]]:
    return {
        "collective_memberships": export_rows(
            CollectiveMembership.objects.filter(person=person),
            collective="collective__name",
            joined="joined_at",
            coordinator_since="coordinator_since",
        ),
        "collectives_you_started": export_rows(
            Collective.objects.filter(created_by=person), collective="name", created="created_at"
        ),
        "coordinator_job_asks_you_made": export_rows(
            CollectiveMembership.objects.filter(coordinator_asked_by=person),
            collective="collective__name",
            because="coordinator_asked_because",
        ),
    }


def erase(context: ErasureContext) -> None:
    """Each membership ends with a line in the collective's history (it goes with the
    account); the collective and the reasons given for asking someone to coordinate
    keep no name."""
    memberships = CollectiveMembership.objects.filter(person=context.person).select_related(
        "collective"
    )
    for membership in memberships:
        change_record(
            actor=context.person,
            action="account_deleted",
            summary="A member deleted their account and left the collective",
            subject=membership,
            collective=membership.collective,
            before={"member": "A former member", "coordinator": membership.is_coordinator},
        )
    context.forget(Collective.objects.filter(pk__in=context.collective_ids))
    context.forget(
        CollectiveMembership.objects.filter(collective_id__in=context.collective_ids),
        ["coordinator_asked_because"],
    )
