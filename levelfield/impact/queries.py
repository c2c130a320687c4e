"""Impact as the face reads it: the collective's public page (one query whatever the
number of impacts)."""

from __future__ import annotations

from levelfield.impact.models import Impact

PUBLIC_SHOWN = 10  # the newest public impacts a collective's public page lists


def impacts_for_public_page(collective_id: int, limit: int = PUBLIC_SHOWN) -> list[Impact]:
    """The newest published impacts the collective and its projects and groups chose to
    show."""
    return list(Impact.objects.in_collective(collective_id).public()[:limit])


def public_impact_marks(collective_id: int, limit: int = PUBLIC_SHOWN) -> list[tuple]:
    """The id and last change of each impact `impacts_for_public_page` shows (a page
    keeping what it rendered from them knows at once when one changes or goes)."""
    return list(
        Impact.objects.in_collective(collective_id)
        .public()
        .values_list("pk", "updated_at")[:limit]
    )
