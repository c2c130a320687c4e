"""Who may reach a check-in round: members of its place (a collective, a group or a
project). Every view starts here or with `levelfield.places.access.place_for_member`, so
someone outside gets a 404 and learns nothing; services re-check."""

from __future__ import annotations

from django.shortcuts import get_object_or_404

from levelfield.people.models import User
from levelfield.reflection.models import CheckInRound


def round_for_member(person: User, pk: int) -> CheckInRound:
    """The round, with its place and questions' set, if `person` belongs to its place."""
    return get_object_or_404(
        CheckInRound.objects.visible_to(person)
        .with_place()
        .select_related("version__question_set"),
        pk=pk,
    )
