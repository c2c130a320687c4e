"""Who may reach a project and what is in it: the one access rule, used by every view.

Members of a project reach it and everything in it. Members of the project's
collective who are not in the project may see only that it exists (title, summary,
stage, size) and ask to join. Each helper returns the object or raises Http404, so
someone outside learns nothing. Services re-check that the acting person may act
(`levelfield.collectives.roles`).
"""

from __future__ import annotations

from django.db.models import F
from django.http import Http404
from django.shortcuts import get_object_or_404

from levelfield.people.models import User
from levelfield.places.models import JoinRequest, PlaceMembership
from levelfield.projects.models import Project


def project_for_member(person: User, pk: int) -> Project:
    """The project, with its collective, if `person` is a member."""
    return get_object_or_404(
        Project.objects.for_member(person).select_related("collective", "place"), pk=pk
    )


def project_membership_for(person: User, pk: int) -> PlaceMembership:
    """`person`'s own membership of the project, with the project (one query; the
    same rule as `Project.objects.for_member`)."""
    if not getattr(person, "is_authenticated", False):
        raise Http404("No such project.")
    return get_object_or_404(
        PlaceMembership.objects.select_related("place__project__collective", "person"),
        place__project_id=pk,
        person=person,
    )


def project_for_collective_member(person: User, pk: int) -> Project:
    """A project in one of `person`'s collectives, with its member count: what they may
    see before they join."""
    return get_object_or_404(
        Project.objects.in_collectives_of(person)
        .select_related("collective")
        .annotate(member_count=F("place__member_count")),
        pk=pk,
    )


def project_membership_in(project: Project, membership_pk: int) -> PlaceMembership:
    """Someone's membership of a project the viewer already reached."""
    return get_object_or_404(
        PlaceMembership.objects.of_project(project).select_related("person"),
        pk=membership_pk,
    )


def join_request_in(project: Project, request_pk: int) -> JoinRequest:
    """A request to join a project the viewer already reached."""
    return get_object_or_404(
        JoinRequest.objects.filter(place__project=project).select_related("person"),
        pk=request_pk,
    )
