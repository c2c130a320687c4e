"""The involvement log's figures at any place: totals by stage and by perspective,
cached per version of the log."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.core.paginator import Page
from django.db.models import Count, Exists, OuterRef, QuerySet, Subquery, Sum
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from levelfield.history.models import Change
from levelfield.lib import cache as lib_cache
from levelfield.people.models import Perspective, PerspectiveKind, shares_perspectives
from levelfield.places.models import Place
from levelfield.projects.forms import LogFilterForm
from levelfield.projects.models import InvolvementEntry, Participation, Stage

# Lazy: the totals are cached, and each reader sees them in their own language.
NOT_SHARED = _("Perspective not shared")
LOG_TOTALS_SECONDS = 60


def log_totals(
    place: Place,
    entries: QuerySet[InvolvementEntry],
    filters: str,
    version: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The log's totals (all its time, by stage, by perspective), cached per version of
    the log: 10,000 entries take five sums over 30,000 rows, so they are summed once per
    change, not on every request.

    The version is the place's latest history row (every write to entries and
    participations goes through `involvement_entry_write`, which records one), with the
    newest entry (for rows added without the services, as imports and tests do) and the
    number of entries (counted once per version: `log_version`). The key holds the
    version, so any process's cache is right without invalidation; a shared cache
    (CACHES) only saves recounting in each process. What the version cannot see
    (someone changes which perspectives they share, or deletes their account) shows
    within LOG_TOTALS_SECONDS. Pass `version` when the caller has read it already.
    """
    version = version or log_version(place)

    def count() -> dict[str, Any]:
        participations = Participation.objects.filter(entry__in=entries)
        return {
            "total_minutes": participations.aggregate(minutes=Sum("minutes"))["minutes"] or 0,
            "stage_totals": _stage_totals(participations),
            "perspective_totals": _perspective_totals(participations),
        }

    return lib_cache.versioned(
        "places:log-totals",
        (place.pk, version["change"], version["entries"], version["newest"], filters),
        count,
        seconds=LOG_TOTALS_SECONDS,
    )


def log_entries_html(
    place: Place, version: dict[str, Any], filters: str, page: Page, filtered: bool
) -> str:
    """One page of the log's entries as HTML, rendered once per version of the log (see
    log_totals) and page: 25 entries with who took part cost about 20 ms to render, the
    same for everyone in the place (every member may see and correct every entry). The
    entries are read only when the page is rendered, so a kept page reads none."""
    html = lib_cache.versioned(
        "places:log-entries",
        (place.pk, version["change"], version["entries"], version["newest"], filters, page.number),
        lambda: render_to_string(
            "places/includes/log_entries.html",
            {"place": place, "page": page, "filtered": filtered},
        ),
        seconds=LOG_TOTALS_SECONDS,
    )
    return mark_safe(html)  # noqa: S308 -- rendered by the template above, escaped there


def log_version(place: Place) -> dict[str, Any]:
    """The log's version: the place's latest history row and the newest entry (one
    step down an index each, in one query), with the number of entries counted once per
    version (see log_totals): counting a 10,000-entry log on every request took the
    database longer than the rest of the page. Entries are only added or changed through
    the one writer, which records a history row, so the count cannot change without the
    version moving.

    The newest entry is asked for as the last in a range of places one wide: with
    `place_id = N` PostgreSQL walks the primary key backwards, reading past every newer
    place's entries (90,000 rows, 30 ms, for the big project, whose entries are the
    oldest), where the range makes it read the last row of `projects_entries_newest`."""
    newest = (
        InvolvementEntry.objects.filter(place_id__gte=place.pk, place_id__lte=place.pk)
        .order_by("-place_id", "-pk")
        .values("pk")[:1]
    )
    change = Change.objects.filter(**place.history_scope()).order_by("-at", "-id").values("pk")
    version = (
        Place.objects.filter(pk=place.pk)
        .values(newest=Subquery(newest), change=Subquery(change[:1]))
        .get()
    )
    version["entries"] = lib_cache.versioned(
        "places:log-count",
        (place.pk, version["change"], version["newest"]),
        place.involvement.count,
        seconds=LOG_TOTALS_SECONDS,
    )
    return version


def filters_key(filters: LogFilterForm) -> str:
    """The valid filters, as part of the log totals' cache key."""
    if not filters.is_valid():
        return ""
    return urlencode({key: value for key, value in filters.cleaned_data.items() if value})


def _stage_totals(participations: QuerySet[Participation]) -> list[tuple[str, int, int]]:
    """(stage, entries, minutes) for each stage with any time logged, in cycle order;
    time outside the research cycle (a collective's own activities) comes last."""
    rows = {
        row["entry__stage"]: row
        for row in participations.values("entry__stage").annotate(
            minutes=Sum("minutes"), entries=Count("entry", distinct=True)
        )
    }
    totals = [
        (label, rows[value]["entries"], rows[value]["minutes"])
        for value, label in Stage.choices
        if value in rows
    ]
    if "" in rows:
        totals.append((_("No research stage"), rows[""]["entries"], rows[""]["minutes"]))
    return totals


def _perspective_totals(participations: QuerySet[Participation]) -> list[tuple[str, int]]:
    """Hours under each shared perspective, then hours from people who keep theirs
    private (or have none), then hours from people who have deleted their account."""
    by_kind = {
        row["person__perspectives__kind"]: row["minutes"]
        for row in participations.filter(
            shares_perspectives("person__"), person__perspectives__isnull=False
        )
        .values("person__perspectives__kind")
        .annotate(minutes=Sum("minutes"))
    }
    has_perspective = Exists(Perspective.objects.filter(person=OuterRef("person")))
    not_shared = (
        participations.filter(person__isnull=False)
        .filter(~shares_perspectives("person__") | ~has_perspective)
        .aggregate(minutes=Sum("minutes"))["minutes"]
    )
    former = participations.filter(person__isnull=True).aggregate(minutes=Sum("minutes"))[
        "minutes"
    ]
    rows = [(label, by_kind[kind]) for kind, label in PerspectiveKind.choices if kind in by_kind]
    if not_shared:
        rows.append((NOT_SHARED, not_shared))
    if former:
        rows.append((_("Former members"), former))
    return rows
