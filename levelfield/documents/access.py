"""Who may reach a document, in one place.

Members of its place (the project, the collective, or the group's own members) reach
everything. A signed-in person outside it
reaches a document open to anyone with the link once they have joined through the link
(a `Reader` row): they read, comment, amend and answer, but do not take the pen,
moderate or open the adoption decision. Everyone else gets a 404.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Exists, OuterRef
from django.http import Http404
from django.shortcuts import get_object_or_404

from levelfield.collectives import roles
from levelfield.documents.models import (
    Amendment,
    Author,
    Comment,
    Document,
    Paragraph,
    Reader,
    WhoMayTakePart,
)
from levelfield.people.models import User


@dataclass
class Reading:
    """A document and what the person reading it may do there."""

    document: Document
    is_member: bool
    is_author: bool


def document_for_reader(person: User, pk: int) -> Reading:
    """The document, for a member or a reader who joined by its link; otherwise 404.

    The same rule as `Document.objects.for_reader`, asked of the one document: a member
    of its place (the roles' own question, needed anyway for what they may do), or, for
    anyone else, a document open to the link that they joined. Filtering the query by
    `for_reader` as well made it the page's dearest to build and plan."""
    if not getattr(person, "is_authenticated", False):
        raise Http404("No such document.")
    document = (
        Document.objects.with_place()
        .select_related("adoption_decision", "adoption_version")
        .defer("adoption_version__text")
        # Whether they hold the pen, in the same query (one fewer on every page).
        .annotate(holds_pen=Exists(Author.objects.filter(document=OuterRef("pk"), person=person)))
        .filter(pk=pk)
        .first()
    )
    if document is None:
        raise Http404("No such document.")
    is_member = roles.may(person, roles.Action.TAKE_PART_IN_DOCUMENT, document.place.owner)
    if not is_member and not (
        document.open_to_link and Reader.objects.filter(document=document, person=person).exists()
    ):
        raise Http404("No such document.")
    is_author = is_member and document.holds_pen
    return Reading(document, is_member, is_author)


def document_for_member(person: User, pk: int) -> Reading:
    """The document, for members of its place only; otherwise 404."""
    reading = document_for_reader(person, pk)
    if not reading.is_member:
        raise Http404("No such document.")
    return reading


def document_by_link(token: str) -> Document:
    """A document open to anyone with its link; otherwise 404."""
    return get_object_or_404(
        Document.objects.with_place(),
        link_token=token,
        who_may_take_part=WhoMayTakePart.ANYONE_WITH_LINK,
    )


def paragraph_in(document: Document, pk: int) -> Paragraph:
    """A paragraph of any version of a document already reached; otherwise 404."""
    return get_object_or_404(
        Paragraph.objects.select_related("version"), pk=pk, version__document=document
    )


def comment_in(document: Document, pk: int) -> Comment:
    return get_object_or_404(Comment.objects.select_related("paragraph"), pk=pk, document=document)


def amendment_in(document: Document, pk: int) -> Amendment:
    return get_object_or_404(
        Amendment.objects.select_related("paragraph__version", "proposed_by", "answered_by"),
        pk=pk,
        document=document,
    )
