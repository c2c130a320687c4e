"""Who may reach an invitation, in one place.

An invitation is reached three ways, each with its own rule: by the place's members (to
list and withdraw it, under the collective's or project's address); by anyone holding
its token (the join page; the database keeps only the token's hash); and by the person
it was emailed to, from their home page, through one of their verified addresses.
Each helper returns what the person may reach or raises Http404.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from levelfield.collectives import access as collective_access
from levelfield.invitations.models import Invitation
from levelfield.invitations.services import Place
from levelfield.people.models import User
from levelfield.places.models import place_of
from levelfield.projects import access as project_access


def inviting_place_for_member(person: User, place: str, key: dict[str, Any]) -> Place:
    """The collective (by slug) or project (by pk) named in the address, if `person` is
    one of its members."""
    if place == "collective":
        return collective_access.collective_for_member(person, key["slug"])
    return project_access.project_for_member(person, key["pk"])


def invitation_in(place: Place, invitation_pk: int) -> Invitation:
    """One of the place's invitations (for its members' list and withdraw pages)."""
    return get_object_or_404(
        with_place(Invitation.objects.filter(place=place_of(place))), pk=invitation_pk
    )


def invitation_by_token(token: str) -> Invitation:
    """The invitation a link's token opens, for anyone who holds it."""
    return get_object_or_404(with_place(Invitation.objects.with_token(token)))


def invitation_for_you(person: User, pk: int) -> Invitation:
    """An emailed invitation to one of `person`'s verified addresses, opened from their
    home page (the home page has no token: the database keeps only its hash)."""
    return get_object_or_404(with_place(Invitation.objects.addressed_to(person)), pk=pk)


def with_place(invitations: QuerySet[Invitation]) -> QuerySet[Invitation]:
    return invitations.select_related(
        "place__collective", "place__project__collective", "invited_by"
    )
