"""Who may reach a decision, in one place: members of its project or collective.

Every decisions view starts with one of these helpers, so someone outside gets a 404
and learns nothing; services check `decision_may_act` again before changing anything.
"""

from __future__ import annotations

from django.db.models import Model
from django.http import Http404
from django.shortcuts import get_object_or_404

from levelfield.collectives import access as collective_access
from levelfield.collectives.models import Collective
from levelfield.decisions.models import Decision
from levelfield.people.models import User
from levelfield.projects import access as project_access
from levelfield.projects.models import Project


def decision_for_member(person: User, pk: int) -> Decision:
    """The decision, if `person` belongs to its project or collective; otherwise 404."""
    return get_object_or_404(
        Decision.objects.for_member(person).select_related(
            "project__collective", "collective", "outcome", "tally"
        ),
        pk=pk,
    )


def decision_may_act(decision: Decision, person: User | None) -> bool:
    """Whether `person` may take part in the decision (for services, which re-check)."""
    return place_may_act(
        person, project_id=decision.project_id, collective_id=decision.collective_id
    )


def place_may_act(
    person: User | None, *, project_id: int | None, collective_id: int | None
) -> bool:
    """Whether `person` belongs to the project or collective a decision is (or will be) in,
    by the same rule as `Decision.objects.for_member`."""
    if person is None or not getattr(person, "is_authenticated", False):
        return False
    if project_id is not None:
        return Project.objects.for_member(person).filter(pk=project_id).exists()
    return Collective.objects.for_member(person).filter(pk=collective_id).exists()


def place_for_member(person: User, *, project_pk: int | None, slug: str | None) -> Model:
    """The project or collective whose decision log `person` may open; otherwise 404."""
    if project_pk is not None:
        return project_access.project_for_member(person, project_pk)
    if slug is not None:
        return collective_access.collective_for_member(person, slug)
    raise Http404("No such place.")
