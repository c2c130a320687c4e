"""Who may reach partner organisations: the collective's members, and nobody else.

An organisation belongs to a collective's own place; its pages are under that place's
address, and `place_for_member` is the one check (404 outside). A project's or a
group's address is a 404 too: contacts are the collective's to see, not a project's.
"""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404

from levelfield.partners.models import Contact, Organisation, Work
from levelfield.people.models import User
from levelfield.places.access import place_for_member
from levelfield.places.models import Place, PlaceKind


def partners_place(person: User, place_pk: int) -> Place:
    """The collective's own place, for one of its members; otherwise 404."""
    place = place_for_member(person, place_pk)
    if place.kind != PlaceKind.COLLECTIVE:
        raise Http404("Partner organisations belong to a collective.")
    return place


def organisation_for_member(person: User, place_pk: int, pk: int) -> Organisation:
    """An organisation of the collective, for one of its members; otherwise 404."""
    place = partners_place(person, place_pk)
    organisation = get_object_or_404(Organisation.objects.in_place(place), pk=pk)
    organisation.place = place
    return organisation


def contact_in(organisation: Organisation, pk: int) -> Contact:
    return get_object_or_404(
        Contact.objects.select_related("person"), organisation=organisation, pk=pk
    )


def work_in(organisation: Organisation, pk: int) -> Work:
    return get_object_or_404(
        Work.objects.select_related("project", "event"), organisation=organisation, pk=pk
    )
