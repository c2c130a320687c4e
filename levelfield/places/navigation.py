"""A place's navigation, built from what each app's manifest declares.

Collective, group and project pages show the same grouped list: each app says in its
`manifest.py` which entries it adds, in which section and for which kinds of place, so
nothing here names an app.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from levelfield.lib.manifests import NavigationEntry, manifests
from levelfield.people.models import User
from levelfield.places.models import Place

# The sections, in the order people see them, with the heading each has.
SECTIONS: dict[str, str] = {
    "decide": _("Decide together"),
    "meet": _("Meet and talk"),
    "make": _("Make things together"),
    "time": _("Time, pay and recognition"),
    "check": _("Check how we are working"),
    "public": _("Share with the public"),
    "people": _("People"),
    "about": _("About this place"),
}


@dataclass(frozen=True)
class Link:
    label: str
    url: str
    hint: str
    count: int | None


@dataclass(frozen=True)
class Section:
    key: str
    heading: str
    links: list[Link]


def entries_for(kind: str) -> list[NavigationEntry]:
    """Every app's entries for a kind of place, section by section, in order."""
    found = [
        entry for manifest in manifests() for entry in manifest.navigation if kind in entry.kinds
    ]
    order = list(SECTIONS)
    return sorted(found, key=lambda entry: (order.index(entry.section), entry.order, entry.label))


def place_navigation(place: Place, person: User | None = None) -> list[Section]:
    """The sections of `place`'s navigation that have something in them, for `person`."""
    by_section: dict[str, list[Link]] = {}
    for entry in entries_for(place.kind):
        if entry.applies is not None and not entry.applies(place, person):
            continue
        count = entry.count(place) if entry.count else None
        by_section.setdefault(entry.section, []).append(
            Link(entry.label, entry.url(place), entry.hint, count)
        )
    return [Section(key, SECTIONS[key], links) for key, links in by_section.items()]
