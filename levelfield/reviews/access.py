"""Who may reach a research partners group's reviews, a request and its documents: the
one access rule.

- The reviews page of a place (`place_reviews`): the group's own page for its members
  (a 404 for everyone else, members of the collective included: they see the group's
  home, `places:group`, and may join there); the collective's page about its group
  for the collective's members.
- The request form: anyone signed in, while the group accepts requests (researchers
  usually come from outside the collective).
- A request, its documents and the group's response: its researcher and the group's
  members. Reviews and the draft stay with the group: the researcher sees the sent
  response. Everyone else gets a 404 and learns nothing, not even that it exists.

Places are reached through `levelfield.places.access` (the one access helper); services
re-check that the acting person may act.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef
from django.http import Http404
from django.shortcuts import get_object_or_404

from levelfield.collectives.roles import Action, require
from levelfield.people.models import User
from levelfield.places.access import place_for_member
from levelfield.places.models import Place, PlaceKind, PlaceMembership
from levelfield.reviews.models import Document, ReviewGroup, ReviewRequest


def place_reviews(person: User, place_pk: int) -> tuple[Place, ReviewGroup | None]:
    """A place `person` is a member of (its collective, or a group or project in it)
    and its collective's research partners group, if it has one."""
    place = place_for_member(person, place_pk)
    group = (
        ReviewGroup.objects.select_related("collective", "place")
        .filter(collective_id=place.collective_id)
        .first()
    )
    return place, group


def group_for_member(person: User, place_pk: int) -> ReviewGroup:
    """The research partners group whose place this is, for its members only."""
    place = place_for_member(person, place_pk)
    groups = ReviewGroup.objects.select_related("collective", "place")
    return get_object_or_404(groups, place=place)


def collective_place_for_coordinator(person: User, place_pk: int) -> Place:
    """A collective's own place, for setting up its research partners group: 404 for
    those outside it, 403 for members who do not hold the coordinator job."""
    place = place_for_member(person, place_pk)
    if place.kind != PlaceKind.COLLECTIVE:
        raise Http404("The research partners group is set up from the collective.")
    require(person, Action.SET_UP_REVIEW_GROUP, place.owner)
    return place


def group_for_researcher(person: User, slug: str) -> ReviewGroup:
    """A group whose form is open, for anyone signed in."""
    if not getattr(person, "is_authenticated", False):
        raise Http404("No such review group.")
    return get_object_or_404(
        ReviewGroup.objects.select_related("collective", "place"),
        collective__slug=slug,
        accepting_requests=True,
    )


def request_for(person: User, pk: int) -> ReviewRequest:
    """A request `person` sent or may review, and whether `person` is in its group
    (`viewer_is_member`), which its page asked again in a query of its own. (Its
    response and report back stay queries of their own: joined here, they took the
    database longer to plan than to answer them apart.)"""
    in_group = PlaceMembership.objects.filter(
        place_id=OuterRef("group__place_id"), person_id=person.pk
    )
    return get_object_or_404(
        ReviewRequest.objects.visible_to(person)
        .select_related("group__collective", "group__place", "researcher")
        .annotate(viewer_is_member=Exists(in_group)),
        pk=pk,
    )


def request_for_group_member(person: User, pk: int) -> ReviewRequest:
    """A request sent to a group `person` is in (`viewer_is_member`, as `request_for`
    sets it, is then True)."""
    review_request = get_object_or_404(
        ReviewRequest.objects.for_group_member(person).select_related(
            "group__collective", "group__place", "researcher"
        ),
        pk=pk,
    )
    review_request.viewer_is_member = True
    return review_request


def request_for_researcher(person: User, pk: int) -> ReviewRequest:
    return get_object_or_404(
        ReviewRequest.objects.of_researcher(person).select_related(
            "group__collective", "group__place", "researcher"
        ),
        pk=pk,
    )


def document_for(person: User, pk: int, document_pk: int) -> Document:
    """A document of a request `person` may see, and only then."""
    review_request = request_for(person, pk)
    return get_object_or_404(Document.objects.filter(request=review_request), pk=document_pk)
