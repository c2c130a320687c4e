"""The events list's page: read in two short queries and shown from kept rows.

The list filters every event a person may see (their places', their collectives' open
ones, those they organise or have a place at) before it sorts. Counting them and then
reading the page filtered them twice, and read the page with its places joined to every
matching event: now one query reads the page's ids with how many there are (a window
count beside them) and a second reads just those events (`events_page`).

Each row's HTML is kept for a digest of everything it shows, the reader's part (their
place or place on the waiting list) included (`lib/cache.digested_many`): 25 rows of
times in words, tags and counts were most of the page's rendering, and come out the same
until the event changes (`rows_prepare`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any, overload

from django.core.paginator import Page
from django.db.models import Count, OuterRef, QuerySet, Subquery, Window
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from levelfield.events.models import Event, Registration, RegistrationStatus
from levelfield.lib import cache
from levelfield.lib.paging import page_or_404
from levelfield.people.models import User
from levelfield.places.models import Place

# The columns a row of the list shows (an event's description, notes and venue are
# long and read only on its own page).
LIST_COLUMNS = (
    "title",
    "starts_at",
    "ends_at",
    "timezone_name",
    "kind",
    "format",
    "capacity",
    "places_taken",
    "waiting_count",
    "cancelled_at",
    "notes_published_at",
    "place",
    *Place.name_columns("place__"),
)

# Kept rows never go stale (the key holds what they show); a day lets unused ones go.
ROW_SECONDS = 24 * 60 * 60


class _PageOfEvents(Sequence):
    """What `page_or_404` slices: the page's events, read only when it asks for them.
    The slice read with the count comes from its ids; any other slice (a page number
    written another way) is read afresh, so the page is right either way."""

    def __init__(
        self,
        events: QuerySet[Event],
        first: int,
        ids: list[int],
        read: Callable[[list[int]], list],
    ) -> None:
        self.events, self.first, self.ids, self.read = events, first, ids, read

    @overload
    def __getitem__(self, index: int) -> Event: ...
    @overload
    def __getitem__(self, index: slice) -> list[Event]: ...
    def __getitem__(self, index: int | slice) -> Event | list[Event]:
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        if index.start == self.first and index.stop - index.start >= len(self.ids):
            ids = self.ids
        else:
            ids = list(self.events.values_list("pk", flat=True)[index])
        return self.read(ids)

    def __len__(self) -> int:  # the pager is told the count; never asked
        return self.events.count()

    def __iter__(self) -> Iterator[Event]:
        return iter(self[0 : len(self)])


def events_page(
    request: HttpRequest, events: QuerySet[Event], person: User, per_page: int
) -> Page:
    """The page of `events` (filtered and ordered) asked for in ?page=, through the one
    pager, with each event's place and whether `person` has a place or waits."""
    asked = request.GET.get("page", "1")
    try:  # read as the pager reads it; any other page is read when the pager asks
        number = max(int(asked), 1)
    except ValueError:
        number = 1
    first = (number - 1) * per_page
    count: int | None = None
    ids: list[int] = []
    if asked != "last":
        rows = list(
            events.annotate(total=Window(Count("pk"))).values_list("pk", "total")[
                first : first + per_page
            ]
        )
        ids = [pk for pk, _total in rows]
        if rows:
            count = rows[0][1]
        elif first == 0:
            count = 0
    if count is None:  # "last", or past the end (a 404): count them
        count = events.count()

    def read(page_ids: list[int]) -> list[Event]:
        if not page_ids:
            return []
        # The person's own status at each (at most one active registration an event).
        mine = Registration.objects.active().filter(event=OuterRef("pk"), person=person)
        found = (
            Event.objects.filter(pk__in=page_ids)
            .with_place()
            .annotate(my_status=Subquery(mine.values("status")[:1]))
            .only(*LIST_COLUMNS)
            .in_bulk()
        )
        for event in found.values():
            event.has_place = event.my_status == RegistrationStatus.REGISTERED
            event.is_waiting = event.my_status == RegistrationStatus.WAITING
        return [found[pk] for pk in page_ids if pk in found]

    return page_or_404(request, _PageOfEvents(events, first, ids, read), per_page, count=count)


def rows_prepare(events: Sequence[Event], *, past: bool) -> None:
    """Give each event its row of the list as `shown`, kept for a digest of what the row
    shows (see the module's note)."""

    def row(event: Event) -> tuple[tuple[object, ...], Callable[[], str]]:
        shown: tuple[Any, ...] = (
            event.pk,
            event.title,
            event.place.name,
            event.starts_at,
            event.ends_at,
            event.timezone_name,
            event.kind,
            event.format,
            event.capacity,
            event.places_taken,
            event.waiting_count,
            event.is_cancelled,
            event.has_place,
            event.is_waiting,
            past and event.notes_published_at is not None,
        )
        context = {"event": event, "past": past}
        return shown, lambda: render_to_string("events/includes/list_row.html", context).strip()

    kept = cache.digested_many("events:list-row", [row(e) for e in events], seconds=ROW_SECONDS)
    for event, html in zip(events, kept, strict=True):
        event.shown = mark_safe(html)  # noqa: S308 -- escaped by the template
