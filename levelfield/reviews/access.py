"""Who may reach a review group, a request and its documents: the one access rule.

- A review group's page: members of its collective (who may join the group).
- Its request form: anyone signed in, while the group accepts requests (researchers
  usually come from outside the collective).
- A request, its documents and the group's response: its researcher and the group's
  members. Reviews and the draft stay with the group: the researcher sees the sent
  response. Everyone else gets a 404 and learns nothing, not even that it exists.

Services re-check that the acting person may act.
"""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404

from levelfield.collectives.access import collective_membership_for
from levelfield.collectives.models import CollectiveMembership
from levelfield.people.models import User
from levelfield.reviews.models import Document, ReviewGroup, ReviewRequest


def collective_membership(person: User, slug: str) -> CollectiveMembership:
    """`person`'s membership of the collective whose review group it is."""
    return collective_membership_for(person, slug)


def group_of(membership: CollectiveMembership) -> ReviewGroup | None:
    return (
        ReviewGroup.objects.filter(collective=membership.collective)
        .select_related("collective", "project")
        .first()
    )


def group_for_researcher(person: User, slug: str) -> ReviewGroup:
    """A group whose form is open, for anyone signed in."""
    if not getattr(person, "is_authenticated", False):
        raise Http404("No such review group.")
    return get_object_or_404(
        ReviewGroup.objects.select_related("collective"),
        collective__slug=slug,
        accepting_requests=True,
    )


def group_for_member(person: User, slug: str) -> ReviewGroup:
    """A group `person` is a member of."""
    if not getattr(person, "is_authenticated", False):
        raise Http404("No such review group.")
    return get_object_or_404(
        ReviewGroup.objects.select_related("collective", "project"),
        collective__slug=slug,
        memberships__person=person,
    )


def request_for(person: User, pk: int) -> ReviewRequest:
    """A request `person` sent or may review."""
    return get_object_or_404(
        ReviewRequest.objects.visible_to(person).select_related(
            "group__collective", "group__project", "researcher"
        ),
        pk=pk,
    )


def request_for_group_member(person: User, pk: int) -> ReviewRequest:
    return get_object_or_404(
        ReviewRequest.objects.for_group_member(person).select_related(
            "group__collective", "group__project", "researcher"
        ),
        pk=pk,
    )


def request_for_researcher(person: User, pk: int) -> ReviewRequest:
    return get_object_or_404(
        ReviewRequest.objects.of_researcher(person).select_related(
            "group__collective", "researcher"
        ),
        pk=pk,
    )


def document_for(person: User, pk: int, document_pk: int) -> Document:
    """A document of a request `person` may see, and only then."""
    review_request = request_for(person, pk)
    return get_object_or_404(Document.objects.filter(request=review_request), pk=document_pk)
