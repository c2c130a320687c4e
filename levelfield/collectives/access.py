"""Who may reach a collective: the one access rule, used by every view.

A person reaches a collective, its members and its pages only through their own
membership. Each helper returns the object or raises Http404, so someone outside
learns nothing, not even that the collective exists. Services re-check that the
acting person may act (`roles.py`).
"""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404

from levelfield.collectives.models import Collective
from levelfield.people.models import User
from levelfield.places.models import PlaceMembership


def collective_for_member(person: User, slug: str) -> Collective:
    """The collective, if `person` belongs to it."""
    return get_object_or_404(Collective.objects.for_member(person), slug=slug)


def collective_membership_for(person: User, slug: str) -> PlaceMembership:
    """`person`'s own membership of the collective, with the collective (one query;
    the same rule as `Collective.objects.for_member`)."""
    if not getattr(person, "is_authenticated", False):
        raise Http404("No such collective.")
    return get_object_or_404(
        PlaceMembership.objects.in_collectives().select_related("place__collective"),
        place__collective__slug=slug,
        person=person,
    )


def collective_membership_in(collective: Collective, membership_pk: int) -> PlaceMembership:
    """Someone's membership of a collective the viewer already reached."""
    try:
        return (
            PlaceMembership.objects.of_collective(collective)
            .select_related("person")
            .get(pk=membership_pk)
        )
    except PlaceMembership.DoesNotExist:
        raise Http404("No such member here.") from None
