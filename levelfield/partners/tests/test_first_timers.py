"""First-timers: an organiser sees who is coming to an event for the first time, and a
newcomer with a place at the Cuppa is welcomed on its page."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from levelfield.events import services as event_services
from levelfield.events.models import EventKind
from levelfield.events.tests.conftest import event_values
from levelfield.partners.first_timers import first_timer_ids
from levelfield.projects.tests.factories import InvolvementEntryFactory, ParticipationFactory

pytestmark = pytest.mark.django_db

WELCOME = "Welcome: this is your first time with us."


def _client(person) -> Client:
    client = Client()
    client.force_login(person)
    return client


@pytest.fixture
def cuppa(world, clock):
    """A Cuppa next week where Mo (who came to the project's workshop last month) and
    Cal (who never came to anything) have places; Cora organises it."""
    entry = InvolvementEntryFactory(
        project=world.project, happened_on=timezone.localdate() - datetime.timedelta(days=30)
    )
    ParticipationFactory(entry=entry, person=world.member)
    event = event_services.event_create(
        place=world.collective_place, actor=world.coordinator, values=event_values(capacity=10)
    )
    for person in (world.member, world.collective_member):
        event_services.registration_create(event=event, person=person)
    return event


def test_the_organiser_sees_who_is_coming_for_the_first_time(world, cuppa):
    assert first_timer_ids(cuppa, [world.member.pk, world.collective_member.pk]) == {
        world.collective_member.pk
    }
    page = _client(world.coordinator).get(reverse("events:people", args=[cuppa.pk]))
    text = page.content.decode()
    assert "1 person with a place is coming for the first time" in text
    rows = {
        name: next(row for row in text.split("</tr>") if f">{name}" in row)
        for name in ("Cal", "Mo")
    }
    assert "First time" in rows["Cal"]
    assert "First time" not in rows["Mo"]


def test_a_newcomer_is_welcomed_on_the_cuppa_page_and_a_regular_is_not(world, cuppa):
    newcomer = _client(world.collective_member).get(reverse("events:detail", args=[cuppa.pk]))
    assert WELCOME in newcomer.content.decode()
    regular = _client(world.member).get(reverse("events:detail", args=[cuppa.pk]))
    assert WELCOME not in regular.content.decode()


def test_only_a_cuppa_says_welcome(world, clock):
    meeting = event_services.event_create(
        place=world.collective_place,
        actor=world.coordinator,
        values=event_values(kind=EventKind.MEETING, title="Steering group"),
    )
    event_services.registration_create(event=meeting, person=world.collective_member)
    page = _client(world.collective_member).get(reverse("events:detail", args=[meeting.pk]))
    assert WELCOME not in page.content.decode()
