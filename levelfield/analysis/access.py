"""Who may reach a project's analysis: its analysis team, and nobody else (404).

The one rule is `team_place`: the place, if `person` is on its analysis team. Every
analysis object is reached through it (`source_for_team`, `code_for_team`, ...), so a
member of the project who is not on the team, a former member and an outsider all get
404 and learn nothing. The team's own front page (`place_for_project_member`) is the
only page other project members reach: it tells them what the team is and lets them
join. A source waiting for de-identification is reached only by the person who
uploaded it.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Subquery
from django.http import Http404
from django.shortcuts import get_object_or_404

from levelfield.analysis.models import (
    Code,
    Segment,
    Settings,
    Source,
    TeamMember,
    Theme,
    WordListEntry,
)
from levelfield.collectives.roles import memberships_of
from levelfield.people.models import User
from levelfield.places.access import place_for_member
from levelfield.places.models import Place, PlaceKind


def on_team(person: User, place: Place | int) -> bool:
    if not getattr(person, "is_authenticated", False):
        return False
    place_id = place if isinstance(place, int) else place.pk
    return TeamMember.objects.filter(place_id=place_id, person=person).exists()


def is_coordinator(person: User, place: Place) -> bool:
    return (
        memberships_of(place.owner).filter(person=person, coordinator_since__isnull=False).exists()
    )


def place_for_project_member(person: User, place_pk: int) -> Place:
    """A project's place for one of its members (the team's front page), else 404."""
    place = place_for_member(person, place_pk)
    if place.kind != PlaceKind.PROJECT:
        raise Http404("Only projects have an analysis.")
    return place


def team_place(person: User, place_pk: int, *, on_the_team: bool | None = None) -> Place:
    """The project's place, if `person` is on its analysis team; otherwise 404.
    `on_the_team` is whether they are, when it was read with the object asked for."""
    place = place_for_project_member(person, place_pk)
    if not (on_team(person, place) if on_the_team is None else on_the_team):
        raise Http404("No such analysis.")
    return place


def source_for_team(
    person: User,
    pk: int,
    *,
    confirmed: bool = True,
    without: tuple[str, ...] = (),
    sharing: bool = False,
) -> Source:
    """A source, for its team; one waiting for de-identification only for its uploader
    (with `confirmed=False` pages that handle both; otherwise 404 until confirmed).
    `without` names long columns the page does not show (a transcript's text is
    hundreds of kilobytes); they are read only if used. With `sharing`, also
    `source.share_coding`: whether everyone on the team sees everyone's coding (no, until
    the team says), read in the same query as whether the person is on the team."""
    # Read once: a source outside the person's reach and one outside their team are
    # both 404, so which is checked first tells nobody anything.
    rows = Source.objects.open_to(person).defer(*without)
    if getattr(person, "is_authenticated", False):
        rows = rows.annotate(
            viewer_on_team=Exists(
                TeamMember.objects.filter(place_id=OuterRef("place_id"), person_id=person.pk)
            )
        )
    if sharing:
        rows = rows.annotate(
            share_coding=Subquery(
                Settings.objects.filter(place_id=OuterRef("place_id")).values("share_coding")[:1]
            )
        )
    source = get_object_or_404(rows, pk=pk)
    place = team_place(
        person, source.place_id, on_the_team=getattr(source, "viewer_on_team", None)
    )
    if confirmed and not source.is_confirmed:
        raise Http404("No such source.")
    source.place = place
    if sharing:
        source.share_coding = bool(source.share_coding)
    return source


def code_for_team(person: User, pk: int) -> Code:
    code = get_object_or_404(Code.objects.select_related("theme"), pk=pk)
    code.place = team_place(person, code.place_id)
    return code


def theme_for_team(person: User, pk: int) -> Theme:
    theme = get_object_or_404(Theme, pk=pk)
    theme.place = team_place(person, theme.place_id)
    return theme


def segment_for_team(person: User, pk: int) -> Segment:
    segment = get_object_or_404(Segment, pk=pk)
    segment.source = source_for_team(person, segment.source_id)
    return segment


def word_for_team(person: User, place: Place, pk: int) -> WordListEntry:
    entry = get_object_or_404(WordListEntry, place=place, pk=pk)
    entry.place = place
    return entry


def team_member_in(place: Place, pk: int) -> TeamMember:
    member = get_object_or_404(TeamMember.objects.select_related("person"), place=place, pk=pk)
    member.place = place
    return member


def keeps_originals(person: User, place: Place) -> bool:
    return TeamMember.objects.filter(place=place, person=person, keeps_originals=True).exists()
