"""The involvement log's kept pieces at any place: its count, its totals by stage and by
perspective, a page of its entries and its filters, each kept per version of the log and
read together (`lib.cache.versioned_many`), in one round trip to the cache."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.db.models import Count, Exists, OuterRef, QuerySet, Subquery, Sum
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

from levelfield.history.models import Change
from levelfield.lib import cache as lib_cache
from levelfield.lib.cache import Piece
from levelfield.people.models import Perspective, PerspectiveKind, shares_perspectives
from levelfield.places.models import Place
from levelfield.projects.forms import LogFilterForm
from levelfield.projects.models import InvolvementEntry, Participation, Stage

# Lazy: named when the module is imported, before any language is active (the totals are
# kept per language, in its words: `lib.cache.in_words`).
NOT_SHARED = _("Perspective not shared")
LOG_TOTALS_SECONDS = 60


def log_version(place: Place) -> tuple[object, ...]:
    """The log's version: the place, its latest history row and its newest entry (one
    step down an index each, in one query). Every entry is added or changed through the
    one writer, which records a history row, so nothing the log shows (its count, its
    totals, its entries) changes without the version moving; the newest entry covers
    rows added without the services, as imports and tests add them.

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
    found = (
        Place.objects.filter(pk=place.pk).values_list(Subquery(change[:1]), Subquery(newest)).get()
    )
    return (place.pk, *found)


def log_count(place: Place, version: tuple[object, ...]) -> Piece:
    """The number of entries in the log (counting a 10,000-entry log on every request
    took the database longer than the rest of the page)."""
    return ("places:log-count", version, lambda _values: place.involvement.count())


def log_totals(
    version: tuple[object, ...], entries: QuerySet[InvolvementEntry], filters: str
) -> Piece:
    """The log's totals for `entries` (all its time, by stage, by perspective): 10,000
    entries take five sums over 30,000 rows, so they are summed once per version of the
    log and filters, not on every request. What the version cannot see (someone changes
    which perspectives they share, or deletes their account) shows within
    LOG_TOTALS_SECONDS."""

    def count(_values: dict[str, Any]) -> dict[str, Any]:
        participations = Participation.objects.filter(entry__in=entries)
        return {
            "total_minutes": participations.aggregate(minutes=Sum("minutes"))["minutes"] or 0,
            "stage_totals": _stage_totals(participations),
            "perspective_totals": _perspective_totals(participations),
        }

    return ("places:log-totals", (*version, filters), count)


def log_entries(
    version: tuple[object, ...],
    filters: str,
    number: int,
    context: Callable[[dict[str, Any]], dict[str, Any]],
) -> Piece:
    """Page `number` of the log's entries as HTML: 25 entries with who took part cost
    about 20 ms to render, the same for everyone in the place (every member may see and
    correct every entry). `context` gives the template its `place`, `page` and
    `filtered`; the entries are read only when the page is rendered, so a kept page
    reads none."""
    return (
        "places:log-entries",
        (*version, filters, number),
        lambda values: render_to_string("places/includes/log_entries.html", context(values)),
    )


def log_filters(filters: LogFilterForm) -> Piece:
    """The filters' fields as HTML, for valid filters only (a few dozen choices, so a
    few dozen copies): two lists of choices cost a third of the page's rendering. What
    they show is the form's fields (whether there are research stages) and the choices
    asked for, so those are the key."""
    asked = (list(filters.fields), filters.cleaned_data.get("stage"), filters.cleaned_data["kind"])
    return (
        "places:log-filters",
        (lib_cache.digest(asked),),
        lambda _values: log_filters_html(filters),
    )


def log_filters_html(filters: LogFilterForm) -> str:
    """The filters' fields as the log page shows them, one after the other."""
    return "\n    ".join(
        str(filters[name].as_field_group()) if name in filters.fields else ""
        for name in ("stage", "kind")
    )


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
