from __future__ import annotations

import datetime

import factory
from django.utils import timezone

from levelfield.collectives.tests.factories import CollectiveFactory
from levelfield.events.models import (
    Audience,
    Event,
    EventFormat,
    EventKind,
    Registration,
    RegistrationStatus,
)
from levelfield.people.tests.factories import UserFactory
from levelfield.places.access import collective_place


def _next_week() -> datetime.datetime:
    return (timezone.now() + datetime.timedelta(days=7)).replace(microsecond=0)


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    place = factory.LazyFunction(lambda: collective_place(CollectiveFactory().pk))
    title = factory.Sequence(lambda n: f"Meeting {n}")
    kind = EventKind.MEETING
    format = EventFormat.ONLINE
    audience = Audience.COLLECTIVE
    joining_link = "https://meet.example.org/secret-room"
    starts_at = factory.LazyFunction(_next_week)
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(minutes=90))
    reminder_hours = factory.LazyFunction(lambda: [48, 2])
    created_by = factory.SubFactory(UserFactory)


class RegistrationFactory(factory.django.DjangoModelFactory):
    """A place made directly (tests of registering itself go through the service)."""

    class Meta:
        model = Registration

    event = factory.SubFactory(EventFactory)
    person = factory.SubFactory(UserFactory)
    status = RegistrationStatus.REGISTERED
    registered_at = factory.LazyFunction(timezone.now)
