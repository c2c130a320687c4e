"""Who may reach a resource map and what is on it: the one access rule.

A collective's map, its suggestions and its files are for the collective's members;
anyone else gets a 404 and learns nothing. The shared starter set is reached only
through a collective (by copying it). Services re-check who may act
(`collectives.roles`).
"""

from __future__ import annotations

from django.shortcuts import get_object_or_404

from levelfield.collectives.access import collective_membership_for
from levelfield.collectives.models import Collective
from levelfield.people.models import User
from levelfield.places.models import PlaceMembership
from levelfield.resources.models import Resource


def map_membership_for(person: User, slug: str) -> PlaceMembership:
    """`person`'s membership of the collective whose map they open (one query)."""
    return collective_membership_for(person, slug)


def resource_in(collective: Collective, pk: int) -> Resource:
    """A resource on (or suggested for) a map the viewer already reached."""
    resource = get_object_or_404(
        Resource.objects.filter(collective=collective)
        .select_related("suggested_by", "answered_by")
        .prefetch_related("labels"),
        pk=pk,
    )
    resource.collective = collective
    return resource


def resource_for_member(person: User, slug: str, pk: int) -> tuple[PlaceMembership, Resource]:
    membership = map_membership_for(person, slug)
    return membership, resource_in(membership.collective, pk)
