"""Who may reach a place and what is in it: the one access rule for every kind of place.

A member of a project reaches the project's place; a member of a collective reaches the
collective's own place; a member of a group reaches the group (and the collective's
other members see that it exists, its purpose and members, and may join). Each helper
returns the object or raises Http404, so someone outside learns nothing. Services
re-check that the acting person may act (`levelfield.collectives.roles`).
"""

from __future__ import annotations

from django.db.models import Exists, F, OuterRef, Prefetch, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from levelfield.collectives.roles import Action, decided_by_membership, require
from levelfield.people.models import User
from levelfield.places.models import Place, PlaceKind, PlaceMembership
from levelfield.projects.models import InvolvementEntry, Participation


def places_for_member(person: User) -> QuerySet[Place]:
    """The places `person` is a member of: the only ones whose insides they may see."""
    if not getattr(person, "is_authenticated", False):
        return Place.objects.none()
    return Place.objects.filter(
        Exists(PlaceMembership.objects.filter(place_id=OuterRef("pk"), person=person))
    )


def is_place_member(person: User, place_id: int) -> bool:
    """Whether `person` is a member of the place (False, with no query, for a visitor)."""
    if not getattr(person, "is_authenticated", False):
        return False
    return places_for_member(person).filter(pk=place_id).exists()


def group_for_collective_member(person: User, pk: int) -> Place:
    """A group in one of `person`'s collectives: what its collective's members may see
    (its purpose and members) before they join."""
    if not getattr(person, "is_authenticated", False):
        raise Http404("No such group.")
    return get_object_or_404(
        Place.objects.filter(
            kind=PlaceKind.GROUP,
            collective__in=PlaceMembership.objects.in_collectives()
            .filter(person=person)
            .values("place__collective_id"),
        ).select_related("collective"),
        pk=pk,
    )


def place_for_member(person: User, pk: int, *, action: Action | None = None) -> Place:
    """The place, with its collective and project, if `person` is a member of it (else
    404: someone outside learns nothing); with `action`, also only if they may do it there
    (else 403: a member knows the place exists). The one access helper every feature
    that belongs to a place uses."""
    if not getattr(person, "is_authenticated", False):
        raise Http404("No such place.")
    # A join on the person's one membership (`places_one_membership`), not the EXISTS of
    # `places_for_member`: the same rows, and about a millisecond less CPU to compile on
    # every page of a place.
    place = get_object_or_404(
        Place.objects.select_related("collective", "project__collective")
        .filter(memberships__person=person)
        .annotate(viewer_coordinator_since=F("memberships__coordinator_since")),
        pk=pk,
    )
    # The membership just read settles what members and coordinators may do here
    # (a place's own membership is its owner's: `roles.memberships_of`); other rules,
    # and a refusal with its words, are asked of `roles`.
    if action is not None and not decided_by_membership(
        action, coordinator=place.viewer_coordinator_since is not None
    ):
        require(person, action, place.owner)
    return place


def place_member_ids(place: Place) -> QuerySet:
    """The ids of the place's members (a subquery or a list)."""
    return place.memberships.values_list("person_id", flat=True)


def place_members(place: Place) -> list[User]:
    """The place's members, in joining order, for choosing who took part."""
    return [membership.person for membership in place.memberships.select_related("person")]


def involvement_entry_for_member(person: User, place_pk: int, entry_pk: int) -> InvolvementEntry:
    """An involvement entry, with who took part, in a place `person` is a member of."""
    place = place_for_member(person, place_pk)
    entry = get_object_or_404(
        InvolvementEntry.objects.filter(place=place)
        .select_related("recorded_by")
        .prefetch_related(participations()),
        pk=entry_pk,
    )
    entry.place = place
    return entry


def participations() -> Prefetch:
    """Who took part in an entry, in the order they were recorded."""
    return Prefetch(
        "participations", queryset=Participation.objects.select_related("person").order_by("id")
    )


def collective_place(collective_id: int) -> Place:
    """A collective's own place."""
    try:
        return Place.objects.select_related("collective").get(
            collective_id=collective_id, kind=PlaceKind.COLLECTIVE
        )
    except Place.DoesNotExist as missing:
        raise Http404("No such collective.") from missing
