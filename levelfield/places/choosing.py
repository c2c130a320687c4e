"""Choosing who took part before recording an involvement entry in a big place.

A place of thousands cannot show a row for every member (the form of a 10,000-member
project had 20,000 fields and took 12 s), so recording starts by choosing people:
searching by name a page at a time, everyone who shares a perspective (only
perspectives people chose to share with their teams), or everyone who came to a
meeting (from each app's manifest: `people_groups`, `people_in_group`).

What has been chosen is a short-lived draft in the person's session, written only by
POSTs (GET never writes), one per place. It holds the rules, not the people: people
added one by one, the groups added and the people taken out again. So a draft for 2,000
people is a few bytes, the chosen people are one query whatever their number, and
someone who has left the place between steps simply drops out (the service re-checks
when saving).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.contrib.sessions.backends.base import SessionBase
from django.db.models import Q, QuerySet
from django.utils.translation import gettext

from levelfield.lib import cache as lib_cache
from levelfield.lib.manifests import manifests
from levelfield.people.models import Perspective, PerspectiveKind, User
from levelfield.places.access import place_member_ids
from levelfield.places.models import Place

# Below this many members the record form still lists everyone, as it always has: a
# small team ticks names on one page (measured: the same queries and under 30 KB).
SMALL_PLACE = 50
# Step 2 gives a row of hours per person up to this many; past it everyone chosen gets
# the same time (a form of thousands of rows is what this step replaces).
ROWS_SHOWN = 100
# What `User.name` reads: enough for the lists of people found and chosen.
NAME_COLUMNS = ("pk", "display_name", "email")
PERSPECTIVE = "perspective"  # the source of perspective groups' keys ("perspective:carer")
# How long the people a search found are kept (see `member_search_ids`).
SEARCH_KEPT_SECONDS = 60


@dataclass
class Draft:
    """Who has been chosen so far, as rules (see the module's docstring)."""

    people: list[int] = field(default_factory=list)
    groups: list[dict[str, str]] = field(default_factory=list)  # {"key", "label"}
    left_out: list[int] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not self.people and not self.groups

    def as_dict(self) -> dict[str, Any]:
        return {"people": self.people, "groups": self.groups, "left_out": self.left_out}


def _session_key(place: Place) -> str:
    return f"places:choose:{place.pk}"


def draft_read(session: SessionBase, place: Place) -> Draft:
    """The draft for `place` in the session; an empty one if there is none (reading
    never writes the session)."""
    stored = session.get(_session_key(place)) or {}
    try:
        return Draft(
            people=[int(pk) for pk in stored.get("people", [])],
            groups=[
                {"key": str(g["key"]), "label": str(g["label"])} for g in stored.get("groups", [])
            ],
            left_out=[int(pk) for pk in stored.get("left_out", [])],
        )
    except (TypeError, ValueError, KeyError, AttributeError):
        return Draft()


def draft_save(session: SessionBase, place: Place, draft: Draft) -> None:
    """Keep the draft (POST only); an empty draft is dropped."""
    if draft.empty and not draft.left_out:
        session.pop(_session_key(place), None)
    else:
        session[_session_key(place)] = draft.as_dict()


def draft_drop(session: SessionBase, place: Place) -> None:
    """Forget the draft: the entry is saved, or the person started again (POST only)."""
    session.pop(_session_key(place), None)


def members(place: Place) -> QuerySet[User]:
    """The place's members as people, through the one lookup of who is in a place."""
    return User.objects.filter(pk__in=place_member_ids(place))


def few_members(place: Place) -> list[User] | None:
    """Everyone in a small place, in joining order, for the form that lists them all;
    None for a big place: no query when the place's kept count says it is big, else
    one reading at most `SMALL_PLACE` rows (for places filled without the services)."""
    if place.member_count >= SMALL_PLACE:
        return None
    memberships = list(place.memberships.select_related("person")[:SMALL_PLACE])
    if len(memberships) >= SMALL_PLACE:
        return None
    return [membership.person for membership in memberships]


def member_search(place: Place, words: str) -> QuerySet[User]:
    """Members whose name has every word in it (or whose email starts with it, for
    people who have not given a name), by name; only what their name needs is read.
    Accounts that are switched off are not found: nobody chooses them for anything new."""
    found = members(place).filter(is_active=True).only(*NAME_COLUMNS)
    for word in words.split():
        found = found.filter(
            Q(display_name__icontains=word) | Q(display_name="", email__istartswith=word)
        )
    return found.order_by("display_name", "email", "pk")


def member_search_ids(place: Place, words: str) -> list[int]:
    """The ids of the members `member_search` finds, in its order, kept per the place's
    members version (it moves when anyone joins or leaves) and the words: finding them
    reads every account's name (a 20,000-account scan, twice with the count, about
    50 ms of the database), and someone recording comes back to the same search after
    each person they add. A renamed member is found under their new name within
    SEARCH_KEPT_SECONDS; the names shown are read afresh (`members_named`)."""
    return lib_cache.versioned(
        "places:member-search",
        (place.pk, place.members_version, lib_cache.digest(" ".join(words.split()))),
        lambda: list(member_search(place, words).values_list("pk", flat=True)),
        seconds=SEARCH_KEPT_SECONDS,
    )


def members_named(place: Place, ids: list[int]) -> list[User]:
    """The members among `ids`, in the order of `ids`, with what their names need and
    whether their account is switched on."""
    found = members(place).only(*NAME_COLUMNS, "is_active").in_bulk(ids)
    return [found[pk] for pk in ids if pk in found]


def perspective_choices() -> list[tuple[str, str]]:
    return [(kind, label) for kind, label in PerspectiveKind.choices]


def event_groups(place: Place) -> list[tuple[str, str]]:
    """(key, label) of every group the apps know in `place`, one query per app that
    has any (today: events, the latest meetings with attendance recorded)."""
    found: list[tuple[str, str]] = []
    for manifest in manifests():
        if manifest.people_groups is not None:
            found += [
                (f"{manifest.label}:{group.key}", group.label)
                for group in manifest.people_groups(place)
            ]
    return found


def perspective_label(kind: str) -> str:
    label = dict(PerspectiveKind.choices)[kind]
    return gettext("Everyone who shares the perspective %(label)s") % {"label": label}


def _group_ids(place: Place, key: str) -> QuerySet | None:
    """The person ids of a group's key, as a subquery; None if the key names nothing."""
    source, _, rest = key.partition(":")
    if source == PERSPECTIVE:
        if rest not in PerspectiveKind.values:
            return None
        return Perspective.objects.shared_with_teammates().filter(kind=rest).values("person_id")
    for manifest in manifests():
        if manifest.label == source and manifest.people_in_group is not None:
            return manifest.people_in_group(place, rest)
    return None


def chosen_people(place: Place, draft: Draft) -> QuerySet[User]:
    """Everyone the draft chooses who is a member of the place, by name (no query
    until read; its size does not change the number of queries)."""
    if draft.empty:
        return User.objects.none()
    where = Q(pk__in=draft.people)
    for group in draft.groups:
        ids = _group_ids(place, group["key"])
        if ids is not None:
            where |= Q(pk__in=ids)
    return (
        members(place)
        .filter(where)
        .exclude(pk__in=draft.left_out)
        .order_by("display_name", "email", "pk")
    )
