"""Who may reach an opportunity, in one place.

- Anyone, with or without an account, reads a live opportunity (approved, not past its
  closing date) of a collective listed in the directory; everything else is a 404 to them.
- Members of the opportunity's place see it in every state, edit a draft and send it
  for checking (writing is every member's, as power is shared).
- The coordinators of its collective check it (approve, send back) and close it: they
  reach it from the collective even when they are not in the project or group.
- Organisers: who sees the people who expressed interest (names, emails, why, access
  needs) is the smallest set that needs them: the member who wrote it, the coordinators
  of its place and the coordinators of its collective. Other members of the place see
  only how many people answered.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from levelfield.collectives import roles
from levelfield.collectives.roles import Action
from levelfield.opportunities.models import Opportunity
from levelfield.people.models import User
from levelfield.places.access import is_place_member


@dataclass
class Managing:
    """An opportunity as someone inside sees it, with what they may do."""

    opportunity: Opportunity
    is_member: bool
    may_check: bool
    may_organise: bool


def opportunity_public(pk: int) -> Opportunity:
    """A live opportunity on the board; otherwise 404."""
    opportunity = (
        Opportunity.objects.on_board()
        .with_place()
        .prefetch_related("topics")
        .filter(pk=pk)
        .first()
    )
    if opportunity is None:
        raise Http404("No such opportunity.")
    return opportunity


def may_check(person: User, opportunity: Opportunity) -> bool:
    return roles.may(person, Action.CHECK_OPPORTUNITY, opportunity.place.collective)


def may_organise(person: User, opportunity: Opportunity) -> bool:
    """The writer, the place's coordinators and the collective's coordinators."""
    if not getattr(person, "is_authenticated", False):
        return False
    if opportunity.created_by_id == person.pk:
        return True
    return may_check(person, opportunity) or roles.may(
        person, Action.SEE_OPPORTUNITY_INTEREST, opportunity.place.owner
    )


def opportunity_for_member(person: User, pk: int) -> Managing:
    """The opportunity for members of its place and its collective's coordinators;
    404 for everyone else."""
    opportunity = (
        Opportunity.objects.with_place()
        .select_related("created_by", "checked_by")
        .prefetch_related("topics")
        .filter(pk=pk)
        .first()
    )
    if opportunity is None or not getattr(person, "is_authenticated", False):
        raise Http404("No such opportunity.")
    is_member = is_place_member(person, opportunity.place_id)
    checker = may_check(person, opportunity)
    if not (is_member or checker):
        raise Http404("No such opportunity.")
    return Managing(
        opportunity=opportunity,
        is_member=is_member,
        may_check=checker,
        may_organise=may_organise(person, opportunity),
    )


def opportunity_to_edit(person: User, pk: int) -> Managing:
    """Editing and sending for checking: members of the place (403 for a checker who is
    not in it)."""
    managing = opportunity_for_member(person, pk)
    if not managing.is_member:
        raise PermissionDenied(_("Only members of the place write its opportunities."))
    return managing


def opportunity_to_check(person: User, pk: int) -> Managing:
    """Checking: the collective's coordinators (403 for other members)."""
    managing = opportunity_for_member(person, pk)
    if not managing.may_check:
        raise PermissionDenied(_("Only the collective's coordinators check opportunities."))
    return managing


def opportunity_to_organise(person: User, pk: int) -> Managing:
    """The people who expressed interest: the organisers only (403 for other members)."""
    managing = opportunity_for_member(person, pk)
    if not managing.may_organise:
        raise PermissionDenied(_("Only the organisers see who expressed interest."))
    return managing
