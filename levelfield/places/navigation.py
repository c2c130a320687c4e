"""A place's navigation, built from what each app's manifest declares.

Collective, group and project pages show the same grouped list: each app says in its
`manifest.py` which entries it adds, in which section and for which kinds of place, so
nothing here names an app.

Every place page shows it, and working it out asked each app with a count for it (open
decisions, open tasks, impact drafts: a query each) and the collective's roles for the
entries only some people see: about a fifth of a place page's time. So it is kept per
version of the place: the place's latest change in the history (every service that
changes a place's decisions, tasks, impacts or coordinator jobs records one in the same
transaction, `history.services.change_record`). The counts are kept once for everyone;
the rendered navigation once per person, since who sees which entry depends on them. A
count that also changes as time passes (a decision opens or closes at its set time, and
nobody records anything) says when it next changes (`NavigationEntry.count_and_change`),
and what was kept is worked out again from then on.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from levelfield.history.models import Change
from levelfield.lib import cache as lib_cache
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
# How long a kept navigation may be reused at one version. The version cannot see two
# changes whose transactions end in the other order than they began (the later one's
# history row comes first) nor a renamed entry after a new release: those show within
# this time.
KEPT_FOR = 5 * 60  # seconds


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


# What is kept: a value and until when it holds (None: until the version moves).
_Kept = tuple[Any, datetime.datetime | None]


def _holds(kept: _Kept | None, now: datetime.datetime) -> bool:
    return kept is not None and (kept[1] is None or now < kept[1])


def entries_for(kind: str) -> list[NavigationEntry]:
    """Every app's entries for a kind of place, section by section, in order."""
    found = [
        entry for manifest in manifests() for entry in manifest.navigation if kind in entry.kinds
    ]
    order = list(SECTIONS)
    return sorted(found, key=lambda entry: (order.index(entry.section), entry.order, entry.label))


def place_version(place: Place) -> int:
    """The place's latest change in the history (0 for none): it moves in the same
    transaction as anything the navigation shows. A group's changes are its collective's
    (`Place.history_scope`), so a group's version moves with its collective's."""
    scope = (
        {"project_id": place.project_id}
        if place.project_id
        else {"collective_id": place.collective_id}
    )
    latest = (
        Change.objects.filter(**scope).order_by("-at", "-id").values_list("pk", flat=True).first()
    )
    return latest or 0


class PlaceNavigation:
    """The navigation of `place` for `person`: iterate it for its sections, or show
    `html`, the sections rendered (kept per version of the place and person)."""

    def __init__(self, place: Place, person: User | None, version: int | None = None) -> None:
        self.place = place
        self.person = person
        if version is not None:  # the page has read it already (`place_navigation`)
            self.__dict__["version"] = version

    def __iter__(self) -> Iterator[Section]:
        return iter(self.sections)

    @cached_property
    def version(self) -> int:
        """The place's version (`place_version`), read once; a page may key its own kept
        pieces by it too."""
        return place_version(self.place)

    def _keys(self) -> tuple[str, str]:
        """The kept counts' key (the same for everyone) and the kept HTML's (per person:
        entries such as "Requests to join" are only for some)."""
        place, version = self.place.pk, self.version
        person = self.person.pk if self.person is not None else 0
        return (
            lib_cache.key("places:navigation-counts", place, version),
            lib_cache.key("places:navigation", place, version, person, get_language() or ""),
        )

    def _counts(self, kept: _Kept | None, now: datetime.datetime) -> _Kept:
        """Each counted entry's count (by its place among the kind's entries), from what
        was kept when it still holds, else counted now and kept."""
        if _holds(kept, now):
            return kept  # type: ignore[return-value]
        counts: dict[int, int | None] = {}
        changes: list[datetime.datetime] = []
        for index, entry in enumerate(entries_for(self.place.kind)):
            if entry.count_and_change is not None:
                counts[index], change = entry.count_and_change(self.place, now)
                if change is not None:
                    changes.append(change)
            elif entry.count is not None:
                counts[index] = entry.count(self.place)
        fresh = (counts, min(changes, default=None))
        cache.set(self._keys()[0], fresh, KEPT_FOR)
        return fresh

    def _sections(self, counts: dict[int, int | None]) -> list[Section]:
        by_section: dict[str, list[Link]] = {}
        for index, entry in enumerate(entries_for(self.place.kind)):
            if entry.applies is not None and not entry.applies(self.place, self.person):
                continue
            by_section.setdefault(entry.section, []).append(
                Link(entry.label, entry.url(self.place), entry.hint, counts.get(index))
            )
        return [Section(key, SECTIONS[key], links) for key, links in by_section.items()]

    @cached_property
    def sections(self) -> list[Section]:
        """The sections that have something in them for the person, in order."""
        now = timezone.now()
        kept = cache.get(self._keys()[0])
        return self._sections(self._counts(kept, now)[0])

    @cached_property
    def html(self) -> SafeString:
        """The sections as HTML (`places/includes/navigation_sections.html`), from the
        cache in one round trip when kept for this person at this version."""
        now = timezone.now()
        counts_key, html_key = self._keys()
        found = cache.get_many([counts_key, html_key])
        kept = found.get(html_key)
        if not _holds(kept, now):
            counts, until = self._counts(found.get(counts_key), now)
            html = render_to_string(
                "places/includes/navigation_sections.html", {"navigation": self._sections(counts)}
            )
            kept = (html, until)
            cache.set(html_key, kept, KEPT_FOR)
        # Rendered by the template above, which escapes what it shows.
        return mark_safe(kept[0])  # noqa: S308


def place_navigation(
    place: Place, person: User | None = None, *, version: int | None = None
) -> PlaceNavigation:
    """The navigation of `place` for `person` (sections that have something in them).
    A page that has read the place's latest history change already (as `places.log.
    log_version` does) passes it as `version`, which saves reading it again."""
    return PlaceNavigation(place, person, version)
