"""The resources app's part of a person's data download and erasure (see manifest.py)."""

from __future__ import annotations

from typing import Any

from levelfield.lib.manifests import ErasureContext, export_rows
from levelfield.resources.models import Resource
from levelfield.resources.services import map_version_move


def export(person: Any) -> dict[str, list[dict]]:
    return {
        "resources_you_suggested": export_rows(
            Resource.objects.filter(suggested_by=person),
            collective="collective__name",
            title="title",
            link="url",
            summary="summary",
            why="reason",
            status="status",
            suggested="suggested_at",
        ),
        "resource_suggestions_you_answered": export_rows(
            Resource.objects.filter(answered_by=person),
            title="title",
            status="status",
            because="decline_reason",
            answered="answered_at",
        ),
    }


def erase(context: ErasureContext) -> None:
    """Resources stay on the map with no name of the person's."""
    if context.forget(
        Resource.objects.filter(collective_id__in=context.collective_ids),
        ["title", "summary", "reason", "decline_reason"],
    ):
        map_version_move(collective_ids=context.collective_ids)
