"""Who may reach a decision, in one place: the members of its place (a collective, a
group or a project).

Every decisions view starts with `decision_for_member`, or with the places' own
`levelfield.places.access.place_for_member` for a place's log, so someone outside gets a
404 and learns nothing; services check `place_may_act` again before changing anything.
"""

from __future__ import annotations

from django.shortcuts import get_object_or_404

from levelfield.collectives.roles import memberships_of
from levelfield.decisions.models import Decision
from levelfield.people.models import User
from levelfield.places.models import Place


def decision_for_member(person: User, pk: int, *, with_counts: bool = True) -> Decision:
    """The decision, with its place, if `person` is a member of its place; otherwise 404.
    With its outcome and kept counts too, unless `with_counts` is False (the response
    form shows neither: two joins fewer on every response)."""
    decisions = Decision.objects.for_member(person).with_place()
    if with_counts:
        decisions = decisions.select_related("outcome", "tally")
    return get_object_or_404(decisions, pk=pk)


def decision_may_act(decision: Decision, person: User | None) -> bool:
    """Whether `person` may take part in the decision (for services, which re-check)."""
    return place_may_act(person, decision.place)


def place_may_act(person: User | None, place: Place) -> bool:
    """Whether `person` is a member of the place a decision is (or will be) in: every
    member starts, answers and closes decisions alike, whatever their job."""
    if person is None or not getattr(person, "is_authenticated", False):
        return False
    return memberships_of(place.owner).filter(person=person).exists()
