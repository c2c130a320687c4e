"""Whose profile a person may see: the one access rule for teammates' profiles.

A person sees the profile of someone who shares a collective or a project with them
(and their own). Everyone else gets a 404, so nobody can find out who has an account.
Built on the collectives' and projects' own rule (`for_member`).
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q
from django.shortcuts import get_object_or_404

from levelfield.collectives.models import Collective
from levelfield.people.models import User
from levelfield.places.models import PlaceMembership
from levelfield.projects.models import Project


def teammate_for(viewer: User, pk: int) -> User:
    """The person, with their perspectives, if the viewer may see their profile."""
    in_shared_collective = PlaceMembership.objects.in_collectives().filter(
        person=OuterRef("pk"), place__collective__in=Collective.objects.for_member(viewer)
    )
    in_shared_project = PlaceMembership.objects.in_projects().filter(
        person=OuterRef("pk"), place__project__in=Project.objects.for_member(viewer)
    )
    people = User.objects.filter(is_active=True).filter(
        Q(pk=viewer.pk) | Exists(in_shared_collective) | Exists(in_shared_project)
    )
    return get_object_or_404(people.prefetch_related("perspectives"), pk=pk)
