"""Who reaches what (outsiders get 404 and change nothing), and the list and an event's
page cost the same number of queries with 1 or 20 events, dates and places."""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from levelfield.collectives.tests.factories import CollectiveMembershipFactory
from levelfield.events import recurrence, services
from levelfield.events.models import AgendaItem, Audience, Event, Registration
from levelfield.events.tests.conftest import event_values
from levelfield.people.models import User
from levelfield.people.tests.factories import UserFactory
from levelfield.places.access import collective_place

pytestmark = pytest.mark.django_db


def test_outsiders_get_404_everywhere_and_their_posts_change_nothing(
    client, plan: Callable[..., Event], outsider: User, member: User
) -> None:
    event = plan()
    services.registration_create(event=event, person=member)
    item = services.agenda_item_propose(event=event, person=member, title="Mine")
    client.force_login(outsider)
    for name in ("detail", "register", "agenda", "ics", "people", "edit", "feedback"):
        assert client.get(reverse(f"events:{name}", args=[event.pk])).status_code == 404, name
    for name in ("register", "leave", "agenda", "attendance", "notes", "cancel", "i_came"):
        assert (
            client.post(reverse(f"events:{name}", args=[event.pk]), {"title": "x"}).status_code
            == 404
        )
    assert client.post(reverse("events:support", args=[event.pk, item.pk])).status_code == 404
    assert Registration.objects.count() == 1
    assert AgendaItem.objects.count() == 1
    assert item.supports.count() == 1
    assert client.get(reverse("events:detail", args=[99999])).status_code == 404


def test_members_who_do_not_organise_cannot_reach_the_organisers_pages(
    client, plan: Callable[..., Event], member: User
) -> None:
    event = plan()
    client.force_login(member)
    for name in ("people", "edit", "cancel", "attendance", "notes", "arrange"):
        assert client.get(reverse(f"events:{name}", args=[event.pk])).status_code == 404, name
    client.post(reverse("events:cancel", args=[event.pk]))
    event.refresh_from_db()
    assert not event.is_cancelled


def test_a_projects_event_is_hidden_from_the_rest_of_the_collective(
    client, plan: Callable[..., Event], project, coordinator: User
) -> None:
    event = plan(place=project.place, audience=Audience.MEMBERS)
    other = UserFactory()
    CollectiveMembershipFactory(collective=project.collective, person=other)
    client.force_login(other)
    assert client.get(reverse("events:detail", args=[event.pk])).status_code == 404
    assert event.title not in client.get(reverse("events:list")).content.decode()


def test_a_signed_in_person_from_elsewhere_takes_a_place_through_the_public_link(
    client, plan: Callable[..., Event], outsider: User
) -> None:
    event = plan(audience=Audience.ANYONE)
    client.force_login(outsider)
    response = client.post(reverse("events:public", args=[event.public_code]), {})
    assert response.status_code == 302
    assert Registration.objects.get(event=event).person == outsider
    # Having a place, they may now open the event's own page.
    assert client.get(reverse("events:detail", args=[event.pk])).status_code == 200


def test_planning_needs_a_place_the_person_belongs_to(client, collective, outsider) -> None:
    client.force_login(outsider)
    assert client.get(reverse("events:create") + "?collective=stroke-voices").status_code == 404
    assert client.get(reverse("events:create")).status_code == 404
    assert client.get(reverse("events:create") + "?project=abc").status_code == 404


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries)


def _grow(collective, organiser: User, *, events: int, places: int) -> Event:
    first = None
    for number in range(events):
        values = event_values(
            title=f"Event {number}",
            capacity=places + 5,
            starts_at=event_values()["starts_at"] + datetime.timedelta(days=number),
            ends_at=event_values()["ends_at"] + datetime.timedelta(days=number),
        )
        event = services.event_create(
            place=collective_place(collective.pk),
            actor=organiser,
            values=values,
            repeat=recurrence.Repeat.WEEKLY if number == 0 else "",
        )
        first = first or event
    for number in range(places):
        person = UserFactory()
        CollectiveMembershipFactory(collective=collective, person=person)
        registration = services.registration_create(
            event=first,
            person=person,
            perspective="carer",
            access_need_kinds=["captions"],
            share_access_needs=True,
        )
        services.agenda_item_propose(event=first, person=person, title=f"Item {number}")
        services.registration_create(
            event=Event.objects.exclude(pk=first.pk).first(), person=person
        )
        del registration
    return first


@pytest.mark.parametrize("page", ["list", "detail", "agenda", "people"])
def test_pages_cost_the_same_with_1_or_20_events_dates_and_places(
    client, collective, organiser: User, page: str, django_db_blocker
) -> None:
    counts = []
    for events, places in ((1, 1), (20, 20)):
        Event.objects.all().delete()
        first = _grow(collective, organiser, events=events, places=places)
        client.force_login(organiser)
        url = (
            reverse("events:list")
            if page == "list"
            else reverse(f"events:{page}", args=[first.pk])
        )
        counts.append(_queries(client, url))
    assert counts[0] == counts[1], counts
