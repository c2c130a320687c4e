"""Events pages and registering, at data scale.

A collective of 2,000 members with 1,000 events (a weekly series among them); one
event with 500 registrations (300 places taken, 200 waiting) and 200 agenda items
with 2,000 supports, 50 files, 200 walk-ins, 500 comments on its draft minutes and 50
breakout groups; a member with a place at 200 events reads their calendar feed.
Data is bulk-inserted (calling the services 500 times would time the set-up); the
timed registrations go through `registration_create`, locks and all.
"""

from __future__ import annotations

import datetime
import random

from bench_common import Row, best_of
from bench_django import PageTiming, time_page
from bench_pages import logged_in, people_add
from django.urls import reverse
from django.utils import timezone

from levelfield.collectives.models import CollectiveKind
from levelfield.collectives.services import collective_create
from levelfield.events import services
from levelfield.events.models import (
    AgendaItem,
    AgendaSupport,
    Audience,
    BreakoutGroup,
    Event,
    Material,
    Minutes,
    MinutesComment,
    Registration,
    RegistrationStatus,
    WalkIn,
)
from levelfield.places.models import PlaceMembership

MEMBERS = 2_000
EVENTS = 1_000
REGISTRATIONS = 500
PLACES = 300
AGENDA_ITEMS = 200
SUPPORTS_PER_ITEM = 10
FEED_EVENTS = 200
TIMED_REGISTRATIONS = 50
# A meeting's record: files, people who walked in, comments on its minutes, breakouts.
MATERIALS = 50
WALK_INS = 200
MINUTES_COMMENTS = 500
BREAKOUTS = 50
SEED = 20_261_201
BATCH = 2_000


def _place(prefix: str, size: int, rng: random.Random) -> tuple[object, list]:
    people = people_add(prefix, size, rng)
    collective = collective_create(
        name=f"Bench events {prefix}",
        kind=CollectiveKind.COLLECTIVE,
        description="People timing Levelfield's events pages.",
        created_by=people[0],
    )
    PlaceMembership.objects.bulk_create(
        (PlaceMembership(place=collective.own_place, person=p) for p in people[1:]),
        batch_size=BATCH,
    )
    return collective, people


def _fill(collective: object, people: list, *, events: int, registrations: int) -> Event:
    """`events` events and one big one with `registrations` places taken or waiting."""
    now = timezone.now()
    start = now + datetime.timedelta(days=1)
    Event.objects.bulk_create(
        (
            Event(
                place=collective.places.get(kind="collective"),
                title=f"Meeting {number}",
                starts_at=start + datetime.timedelta(hours=number),
                ends_at=start + datetime.timedelta(hours=number, minutes=90),
                audience=Audience.COLLECTIVE,
                capacity=PLACES,
                reminder_hours=[48, 2],
                created_by=people[0],
            )
            for number in range(events)
        ),
        batch_size=BATCH,
    )
    big = Event.objects.in_collective(collective.pk).order_by("starts_at").first()
    big.organisers.add(people[0])
    taken = min(registrations, PLACES)
    Registration.objects.bulk_create(
        (
            Registration(
                event=big,
                person=person,
                status=RegistrationStatus.REGISTERED if n < taken else RegistrationStatus.WAITING,
                perspective=["carer", "researcher", "lived_experience", ""][n % 4],
                registered_at=now,
                waiting_since=None if n < taken else now + datetime.timedelta(seconds=n),
                access_need_kinds=["captions"] if n % 5 == 0 else [],
                access_needs_shared_at=now if n % 5 == 0 else None,
            )
            for n, person in enumerate(people[1 : registrations + 1])
        ),
        batch_size=BATCH,
    )
    Event.objects.filter(pk=big.pk).update(
        places_taken=taken, waiting_count=max(registrations - taken, 0)
    )
    items = min(registrations, AGENDA_ITEMS)
    AgendaItem.objects.bulk_create(
        AgendaItem(event=big, title=f"Item {n}", proposed_by=people[n + 1], position=n)
        for n in range(items)
    )
    AgendaSupport.objects.bulk_create(
        (
            AgendaSupport(item=item, person=people[1 + (item.position + k) % registrations])
            for item in AgendaItem.objects.filter(event=big)
            for k in range(min(SUPPORTS_PER_ITEM, registrations))
        ),
        batch_size=BATCH,
        ignore_conflicts=True,
    )
    return Event.objects.get(pk=big.pk)


def _meeting(big: Event, people: list, *, size: int) -> None:
    """The big event's files, walk-ins (people without a place), draft minutes with
    comments and breakout groups: `size` of each, up to the module's numbers."""
    now = timezone.now()
    Material.objects.bulk_create(
        Material(
            event=big,
            title=f"Paper {n}",
            kind="paper",
            visible_to=["event", "registered", "organisers"][n % 3],
            file="events/materials/bench.pdf",
            file_name=f"paper-{n}.pdf",
            file_type="application/pdf",
            size=1024 * (n + 1),
            uploaded_by=people[0],
            uploaded_at=now,
        )
        for n in range(min(size, MATERIALS))
    )
    booked = set(big.registrations.values_list("person_id", flat=True))
    free = [person for person in people[1:] if person.pk not in booked]
    WalkIn.objects.bulk_create(
        (
            WalkIn(event=big, person=person, added_by=people[0], added_at=now)
            for person in free[: min(size, WALK_INS)]
        ),
        batch_size=BATCH,
    )
    minutes = Minutes.objects.create(
        event=big, text="## Minutes\n\nWhat we said.", written_by=people[0], updated_at=now
    )
    MinutesComment.objects.bulk_create(
        (
            MinutesComment(
                minutes=minutes,
                author=people[1 + n % (len(people) - 1)],
                text=f"Comment {n}",
                created_at=now,
            )
            for n in range(min(size, MINUTES_COMMENTS))
        ),
        batch_size=BATCH,
    )
    BreakoutGroup.objects.bulk_create(
        BreakoutGroup(
            event=big,
            name=f"Table {n}",
            themes="Transport\nMoney",
            recorded_by=people[0],
            recorded_at=now,
        )
        for n in range(min(size, BREAKOUTS))
    )


def _feed(person: object, events: list[Event]) -> str:
    now = timezone.now()
    Registration.objects.bulk_create(
        (
            Registration(event=event, person=person, status="registered", registered_at=now)
            for event in events
        ),
        batch_size=BATCH,
        ignore_conflicts=True,
    )
    return reverse("events:feed", args=[services.calendar_feed_reset(person=person).token])


def _row(label: str, count: int, big: PageTiming, small: PageTiming | None) -> Row:
    return Row(
        label,
        count,
        big.ms,
        queries=big.queries,
        small_queries=small.queries if small else None,
        kb=big.size / 1024,
    )


def event_pages() -> list[Row]:
    rng = random.Random(SEED)
    collective, people = _place("eventmember", MEMBERS, rng)
    big = _fill(collective, people, events=EVENTS, registrations=REGISTRATIONS)
    few_collective, few_people = _place("fewevent", 6, rng)
    few = _fill(few_collective, few_people, events=2, registrations=3)
    _meeting(big, people, size=MINUTES_COMMENTS)
    _meeting(few, few_people, size=2)
    organiser, few_organiser = logged_in(people[0]), logged_in(few_people[0])
    feed = _feed(people[0], list(Event.objects.in_collective(collective.pk)[:FEED_EVENTS]))
    few_feed = _feed(few_people[0], [few])

    def pair(name: str) -> tuple[str, str]:
        return (reverse(f"events:{name}", args=[big.pk]), reverse(f"events:{name}", args=[few.pk]))

    rows = [
        _row(
            "events:list, first page",
            EVENTS,
            time_page(organiser, reverse("events:list")),
            time_page(few_organiser, reverse("events:list")),
        ),
        _row(
            "events:place_list, a place's first page",
            EVENTS,
            time_page(organiser, reverse("events:place_list", args=[big.place_id])),
            time_page(few_organiser, reverse("events:place_list", args=[few.place_id])),
        ),
    ]
    for name, label in (
        ("detail", f"events:detail, {REGISTRATIONS} registrations"),
        ("agenda", f"events:agenda, {AGENDA_ITEMS} items"),
        ("people", f"events:people, {REGISTRATIONS} registrations"),
        ("materials", f"events:materials, {MATERIALS} files"),
        ("walk_ins", f"events:walk_ins, {WALK_INS} walk-ins, {MEMBERS:,} members"),
        ("minutes", f"events:minutes, {MINUTES_COMMENTS} comments"),
        ("breakouts", f"events:breakouts, {BREAKOUTS} groups"),
    ):
        url, few_url = pair(name)
        rows.append(
            _row(
                label, REGISTRATIONS, time_page(organiser, url), time_page(few_organiser, few_url)
            )
        )
    rows.append(
        _row(
            f"events:feed, {FEED_EVENTS} events",
            FEED_EVENTS,
            time_page(organiser, feed),
            time_page(few_organiser, few_feed),
        )
    )
    newcomers = people_add("eventnew", TIMED_REGISTRATIONS, rng)
    PlaceMembership.objects.bulk_create(
        PlaceMembership(place=collective.own_place, person=p) for p in newcomers
    )
    queue = iter(newcomers)
    ms = best_of(
        TIMED_REGISTRATIONS,
        lambda: services.registration_create(event=big, person=next(queue)),
    )
    rows.append(Row("registration_create on the full event (to the waiting list)", 1, ms))
    return rows
