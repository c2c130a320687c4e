"""Who may reach an impact record: the members of its place (a project, a collective or
a group in it), and nobody else (404). Published impacts the place chose to show reach
the collective's public page through `queries.impacts_for_public_page`, never through
these pages."""

from __future__ import annotations

from django.http import Http404

from levelfield.impact.models import Impact
from levelfield.people.models import User


def impact_for_member(person: User, pk: int) -> Impact:
    """The impact, with its place, for a member of its place; otherwise 404."""
    impact = (
        Impact.objects.visible_to(person)
        .with_place()
        .select_related("recorded_by", "published_by")
        .filter(pk=pk)
        .first()
    )
    if impact is None:
        raise Http404("No such impact.")
    return impact
