"""Who may reach a collective: the one access rule, used by every view.

A person reaches a collective, its members and its pages only through their own
membership. Each helper returns the object or raises Http404, so someone outside
learns nothing, not even that the collective exists. Services re-check that the
acting person may act (`roles.py`).
"""

from __future__ import annotations

from django.db.models import F
from django.http import Http404
from django.shortcuts import get_object_or_404

from levelfield.collectives import roles
from levelfield.collectives.models import Collective
from levelfield.collectives.roles import Action
from levelfield.people.models import User
from levelfield.places.models import PlaceKind, PlaceMembership


def collective_for_member(person: User, slug: str) -> Collective:
    """The collective, if `person` belongs to it (the rule of
    `Collective.objects.for_member`), with when they took the coordinator job there
    (`viewer_coordinator_since`, None if they do not hold it) for `may_in`. A join on
    their one membership of its own place: less to compile on every page of a
    collective than the subquery a list needs."""
    if not getattr(person, "is_authenticated", False):
        raise Http404("No such collective.")
    return get_object_or_404(
        Collective.objects.filter(
            places__kind=PlaceKind.COLLECTIVE, places__memberships__person=person
        ).annotate(
            viewer_id=F("places__memberships__person_id"),
            viewer_coordinator_since=F("places__memberships__coordinator_since"),
        ),
        slug=slug,
    )


def may_in(person: User, action: Action, collective: Collective) -> bool:
    """`roles.may` in a collective `collective_for_member` let `person` into: members'
    and coordinators' actions are answered from the membership it read, without a
    query; the rest (approvers) are asked of `roles`."""
    if getattr(collective, "viewer_id", None) != person.pk:
        return roles.may(person, action, collective)
    coordinator = collective.viewer_coordinator_since is not None
    return roles.may_as_member(person, action, collective, coordinator=coordinator)


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
