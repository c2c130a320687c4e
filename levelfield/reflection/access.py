"""Who may reach a check-in round: members of its project or collective. Every view
starts here, so someone outside gets a 404 and learns nothing; services re-check."""

from __future__ import annotations

from django.shortcuts import get_object_or_404

from levelfield.collectives import access as collective_access
from levelfield.collectives.models import Collective
from levelfield.people.models import User
from levelfield.projects import access as project_access
from levelfield.projects.models import Project
from levelfield.reflection.models import CheckInRound


def round_for_member(person: User, pk: int) -> CheckInRound:
    """The round, with its place and questions' set, if `person` belongs to its place."""
    return get_object_or_404(
        CheckInRound.objects.for_member(person).select_related(
            "project__collective", "collective", "version__question_set"
        ),
        pk=pk,
    )


def place_for_member(
    person: User, *, project_pk: int | None = None, slug: str | None = None
) -> Project | Collective:
    """The project or collective whose check-ins `person` may see; otherwise 404."""
    if project_pk is not None:
        return project_access.project_for_member(person, project_pk)
    return collective_access.collective_for_member(person, slug or "")
