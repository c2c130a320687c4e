"""Events for `manage.py seed_scale`: 5,000 events with 100,000 registrations.

Events are spread over the collectives, a few in the past and most to come, each with
20 registrations from the collective's members. One event in five has 15 places, so it
is full with 5 people waiting in order; the places taken and the waiting count are kept
on the event row as `registration_create` keeps them. Person 0 organises every event.
The load benchmark's people (1 to LOAD_PEOPLE) hold no registrations, so registering
succeeds for them. Each past event has the record of a meeting: a file (one small PDF
stored once and shared), two guests who walked in, agreed minutes with five comments
and two breakout groups' themes.
"""

from __future__ import annotations

import datetime
import random

from django.utils import timezone

from levelfield.collectives.scale import collectives_in_order
from levelfield.events.models import (
    AgendaItem,
    Audience,
    BreakoutGroup,
    Event,
    EventFormat,
    Material,
    MaterialKind,
    Minutes,
    MinutesComment,
    Registration,
    RegistrationStatus,
    WalkIn,
)
from levelfield.lib.scale import batches, scaled
from levelfield.people.models import PerspectiveKind
from levelfield.people.scale import LOAD_PEOPLE, people_in_order
from levelfield.places.models import Place, PlaceKind, PlaceMembership

EVENTS = 5_000
PER_EVENT = 20
FULL_EVERY = 5  # one event in five is full with people waiting
FULL_CAPACITY = 15
CAPACITY = 40
PAST_SHARE = 10  # one event in ten has happened
TITLES = ["Cuppa and chat", "Steering group", "Writing workshop", "Ideas evening", "Training"]


def scale_seed(*, size: str, rng: random.Random) -> None:
    ids = people_in_order()
    founder = ids[0]
    kept_free = set(ids[: LOAD_PEOPLE + 1])
    collectives = collectives_in_order()
    members_of = {
        collective.pk: [
            person_id
            for person_id in PlaceMembership.objects.of_collective(collective)
            .order_by("person_id")
            .values_list("person_id", flat=True)
            if person_id not in kept_free
        ]
        for collective in collectives
    }
    own_place = dict(
        Place.objects.filter(kind=PlaceKind.COLLECTIVE, collective__in=collectives).values_list(
            "collective_id", "pk"
        )
    )
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    count = scaled(size, EVENTS, least=len(collectives) * 2)

    def event(number: int) -> Event:
        collective = collectives[number % len(collectives)]
        days = rng.randrange(-60, -1) if number % PAST_SHARE == 1 else rng.randrange(1, 365)
        starts = now + datetime.timedelta(days=days, hours=rng.choice([0, 3, 6]))
        full = number % FULL_EVERY == 0
        taken = min(PER_EVENT, FULL_CAPACITY if full else PER_EVENT)
        return Event(
            place_id=own_place[collective.pk],
            title=f"{rng.choice(TITLES)} {number}",
            description="A made-up event for timing Levelfield at scale.",
            format=EventFormat.ONLINE,
            joining_link="https://meet.example.org/levelfield",
            starts_at=starts,
            ends_at=starts + datetime.timedelta(minutes=90),
            audience=Audience.COLLECTIVE,
            capacity=FULL_CAPACITY if full else CAPACITY,
            reminder_hours=[48, 2],
            places_taken=taken,
            waiting_count=PER_EVENT - taken,
            created_by_id=founder,
        )

    for chunk in batches(event(number) for number in range(count)):
        Event.objects.bulk_create(chunk)
    events = list(
        Event.objects.filter(place__collective__in=collectives)
        .order_by("pk")
        .values_list("pk", "place__collective_id", "capacity")
    )
    Organisers = Event.organisers.through
    for chunk in batches(Organisers(event_id=pk, user_id=founder) for pk, _, _ in events):
        Organisers.objects.bulk_create(chunk)
    kinds = [PerspectiveKind.CARER, PerspectiveKind.LIVED_EXPERIENCE, PerspectiveKind.RESEARCHER]

    def registrations(pk: int, collective_id: int, capacity: int) -> list[Registration]:
        people = rng.sample(
            members_of[collective_id], min(PER_EVENT, len(members_of[collective_id]))
        )
        return [
            Registration(
                event_id=pk,
                person_id=person_id,
                status=RegistrationStatus.REGISTERED
                if place < capacity
                else RegistrationStatus.WAITING,
                perspective=kinds[place % len(kinds)],
                registered_at=now - datetime.timedelta(minutes=PER_EVENT - place),
                waiting_since=None
                if place < capacity
                else now - datetime.timedelta(minutes=PER_EVENT - place),
            )
            for place, person_id in enumerate(people)
        ]

    for chunk in batches(
        registration for event_row in events for registration in registrations(*event_row)
    ):
        Registration.objects.bulk_create(chunk)
    for chunk in batches(
        AgendaItem(
            event_id=pk,
            title=f"Item {position + 1}",
            proposed_by_id=founder,
            proposer_perspective=PerspectiveKind.CARER,
            position=position,
        )
        for pk, _, _ in events[::10]
        for position in range(3)
    ):
        AgendaItem.objects.bulk_create(chunk)
    _meeting_records(event_ids=[pk for pk, _, _ in events], founder=founder, now=now)


def _meeting_records(*, event_ids: list[int], founder: int, now: datetime.datetime) -> None:
    """The record of every past event: a shared file, walk-ins, minutes, breakouts."""
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    from levelfield.events.demo import tiny_pdf

    past = list(
        Event.objects.filter(pk__in=event_ids, ends_at__lt=now)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    if not past:
        return
    content = tiny_pdf(["Slides for a made-up meeting"])
    stored = default_storage.save("events/materials/scale/slides.pdf", ContentFile(content))
    for chunk in batches(
        Material(
            event_id=pk,
            title="Slides",
            kind=MaterialKind.SLIDES,
            file=stored,
            file_name="slides.pdf",
            file_type="application/pdf",
            size=len(content),
            uploaded_by_id=founder,
            uploaded_at=now,
        )
        for pk in past
    ):
        Material.objects.bulk_create(chunk)
    for chunk in batches(
        WalkIn(event_id=pk, guest_name=f"Guest {n}", added_by_id=founder, added_at=now)
        for pk in past
        for n in range(2)
    ):
        WalkIn.objects.bulk_create(chunk)
    for chunk in batches(
        Minutes(
            event_id=pk,
            text="## What we talked about\n\nA made-up meeting.",
            written_by_id=founder,
            updated_at=now,
            agreed_at=now,
            agreed_by_id=founder,
        )
        for pk in past
    ):
        Minutes.objects.bulk_create(chunk)
    minutes = list(Minutes.objects.filter(event_id__in=past).values_list("pk", flat=True))
    for chunk in batches(
        MinutesComment(minutes_id=pk, author_id=founder, text=f"Comment {n}", created_at=now)
        for pk in minutes
        for n in range(5)
    ):
        MinutesComment.objects.bulk_create(chunk)
    for chunk in batches(
        BreakoutGroup(
            event_id=pk,
            name=f"Table {n + 1}",
            themes="Transport\nMoney",
            recorded_by_id=founder,
            recorded_at=now,
        )
        for pk in past
        for n in range(2)
    ):
        BreakoutGroup.objects.bulk_create(chunk)
