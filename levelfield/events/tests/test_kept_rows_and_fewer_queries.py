"""The events list keeps each row's HTML for a digest of what it shows and reads a page
in two short queries; an event's page reads the person's part with the event; taking
and giving up a place read the event once under its lock (issue 25). Each still shows
every change at once."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from levelfield.collectives import roles
from levelfield.collectives.models import Collective
from levelfield.collectives.tests.factories import CollectiveMembershipFactory
from levelfield.events import services
from levelfield.events.models import Event, Registration, RegistrationStatus
from levelfield.events.tests.conftest import event_values
from levelfield.people.models import User
from levelfield.people.tests.factories import UserFactory


def _list(client: Client, **query: str) -> str:
    response = client.get(reverse("events:list"), query)
    assert response.status_code == 200
    return response.content.decode()


def _rows(page: str) -> str:
    """The list's table body (the rest of a page links to itself with its query)."""
    return page[page.index("<tbody") : page.index("</tbody>")]


def test_a_kept_row_of_the_list_changes_as_soon_as_the_event_or_the_readers_place_does(
    client: Client,
    plan: Callable[..., Event],
    collective: Collective,
    organiser: User,
    member: User,
) -> None:
    event = plan(title="Co-Pro Cuppa", capacity=2)
    client.force_login(member)
    assert "2 left" in _list(client) and "You have a place" not in _list(client)

    services.registration_create(event=event, person=member, notify=False)
    page = _list(client)
    assert "You have a place" in page and "1 left" in page

    # Another reader's row of the same event: their own part, the same places left.
    client.force_login(organiser)
    page = _list(client)
    assert "You have a place" not in page and "1 left" in page

    services.event_update(event=event, actor=organiser, values=event_values(title="Tea talk"))
    page = _list(client)
    assert "Tea talk" in page and "Co-Pro Cuppa" not in page

    services.registration_create(event=event, person=organiser, notify=False)
    stranger = UserFactory()
    CollectiveMembershipFactory(collective=collective, person=stranger)
    services.registration_create(event=event, person=stranger, notify=False)
    assert "Full, 1 waiting" in _list(client)

    services.event_cancel(event=event, actor=organiser, reason="Snow")
    assert "Cancelled" in _list(client)


def test_the_list_pages_as_the_one_pager_does(
    client: Client, plan: Callable[..., Event], member: User
) -> None:
    client.force_login(member)
    assert "No events coming up match" in _list(client)
    for number in range(27):
        plan(title=f"Meeting {number:02d}")
    first = _list(client)
    assert "Meeting 00" in first and "Meeting 24" in first and "Meeting 25" not in first
    second = _list(client, page="2")
    assert "Meeting 25" in second and "Meeting 26" in second and "Meeting 24" not in second
    assert _rows(_list(client, page="last")) == _rows(second)
    assert _rows(_list(client, page="x")) == _rows(first)
    assert _rows(_list(client, page="²")) == _rows(first)
    assert _rows(_list(client, page=" 2")) == _rows(second)
    assert client.get(reverse("events:list"), {"page": "3"}).status_code == 404
    assert client.get(reverse("events:list"), {"page": "0"}).status_code == 404


def test_the_list_reads_as_many_queries_for_3_events_as_for_30(
    client: Client, plan: Callable[..., Event], member: User
) -> None:
    for number in range(3):
        plan(title=f"Meeting {number}")
    client.force_login(member)
    _list(client)
    with CaptureQueriesContext(connection) as few:
        _list(client)
    for number in range(27):
        plan(title=f"More {number}")
    with CaptureQueriesContext(connection) as many:
        _list(client, page="2")
    assert len(many) == len(few)


def test_the_logistics_of_every_event_are_its_places_coordinators() -> None:
    """`access.event_page_for_member` asks whether the reader coordinates the event's own
    place rather than `roles.may`: true only while the rule is the coordinator's."""
    assert roles.RULES[roles.Action.RUN_EVENT_LOGISTICS] is roles.Who.THE_COORDINATOR


@pytest.mark.parametrize("in_project", [False, True])
def test_an_events_page_shows_the_organisers_links_to_its_places_coordinator_only(
    client: Client,
    plan: Callable[..., Event],
    project,
    coordinator: User,
    member: User,
    in_project: bool,
) -> None:
    event = plan(place=project.place) if in_project else plan()
    url = reverse("events:detail", args=[event.pk])
    client.force_login(coordinator)
    assert "Who is coming and their access needs" in client.get(url).content.decode()
    client.force_login(member)
    assert "Who is coming and their access needs" not in client.get(url).content.decode()


def test_an_events_page_shows_the_readers_own_part_read_with_the_event(
    client: Client, plan: Callable[..., Event], organiser: User, member: User
) -> None:
    event = plan(capacity=1)
    url = reverse("events:detail", args=[event.pk])
    client.force_login(member)
    page = client.get(url).content.decode()
    assert "Take a place" in page and "Translate this page" in page

    services.registration_create(event=event, person=organiser, notify=False)
    services.registration_create(event=event, person=member, notify=False)
    page = client.get(url).content.decode()
    assert "You are number 1 on the waiting list" in page

    services.minutes_save(event=event, actor=organiser, text="We met.")
    services.minutes_agree(event=event, actor=organiser)
    assert "We met." in client.get(url).content.decode()


def test_an_events_page_reads_as_many_queries_however_many_people_have_places(
    client: Client, plan: Callable[..., Event], collective: Collective, member: User
) -> None:
    """The reader's own part is read with the event: 8 queries, session and user
    included, for someone without a place, with 1 or 10 others holding places."""
    event = plan(capacity=None)
    url = reverse("events:detail", args=[event.pk])
    client.force_login(member)
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for _ in range(10):
        person = UserFactory()
        CollectiveMembershipFactory(collective=collective, person=person)
        services.registration_create(event=event, person=person, notify=False)
    with CaptureQueriesContext(connection) as ten:
        client.get(url)
    assert len(ten) == len(one) <= 8


def test_taking_a_place_twice_or_where_not_open_is_refused_and_changes_nothing(
    client: Client, plan: Callable[..., Event], member: User, outsider: User
) -> None:
    from django.core.exceptions import PermissionDenied, ValidationError

    event = plan(capacity=1)
    services.registration_create(event=event, person=member, notify=False)
    with pytest.raises(ValidationError, match="already have a place"):
        services.registration_create(event=event, person=member, notify=False)
    with pytest.raises(PermissionDenied):
        services.registration_create(event=event, person=outsider, notify=False)
    event.refresh_from_db()
    assert (event.places_taken, event.waiting_count) == (1, 0)
    assert Registration.objects.filter(event=event).count() == 1


def test_an_event_read_for_one_person_does_not_let_another_take_a_place(
    plan: Callable[..., Event], member: User, outsider: User
) -> None:
    """The page's access check is not asked again under the lock for the person it was
    read for; anyone else is still asked, and refused when it is not open to them."""
    from django.core.exceptions import PermissionDenied

    from levelfield.events import access

    event = plan(capacity=None)
    read_for_member = access.event_for_member(member, event.pk)
    with pytest.raises(PermissionDenied):
        services.registration_create(event=read_for_member, person=outsider, notify=False)
    assert services.registration_create(event=read_for_member, person=member, notify=False)
    assert list(Registration.objects.filter(event=event).values_list("person", flat=True)) == [
        member.pk
    ]


def test_taking_and_giving_up_a_place_ask_once_who_may_see_the_event(
    client: Client, plan: Callable[..., Event], member: User, outsider: User
) -> None:
    """Registering asks who may see the event once (on reading it, not again under the
    lock); cancelling reads the person's place with its event and needs no more: 10
    queries to take a place, 9 to give it up, session and user included. Someone
    without a place who cannot see the event still gets 404."""
    event = plan(capacity=None)
    register = reverse("events:register", args=[event.pk])
    leave = reverse("events:leave", args=[event.pk])
    client.force_login(member)
    client.get(register)
    with CaptureQueriesContext(connection) as taking:
        response = client.post(register, {"perspective": ""})
    assert response.status_code == 302
    taken = [query["sql"] for query in taking.captured_queries if "SAVEPOINT" not in query["sql"]]
    assert len(taken) <= 10
    assert sum("places_placemembership" in sql for sql in taken) == 1
    with CaptureQueriesContext(connection) as giving_up:
        response = client.post(leave, {})
    assert response.status_code == 302
    given_up = [
        query["sql"] for query in giving_up.captured_queries if "SAVEPOINT" not in query["sql"]
    ]
    assert len(given_up) <= 9
    assert not any("places_placemembership" in sql for sql in given_up)
    assert not Registration.objects.active().filter(event=event, person=member).exists()

    client.force_login(outsider)
    assert client.post(leave, {}).status_code == 404
    assert client.get(leave).status_code == 404


def test_giving_up_a_place_on_the_waiting_list_of_a_full_event_keeps_everyone_else(
    plan: Callable[..., Event], collective: Collective, organiser: User, member: User
) -> None:
    event = plan(capacity=1)
    services.registration_create(event=event, person=organiser, notify=False)
    waiting = services.registration_create(event=event, person=member, notify=False)
    stranger = UserFactory()
    CollectiveMembershipFactory(collective=collective, person=stranger)
    other = services.registration_create(event=event, person=stranger, notify=False)
    assert services.registration_cancel(registration=waiting) == []
    event.refresh_from_db()
    assert (event.places_taken, event.waiting_count) == (1, 1)
    other.refresh_from_db()
    assert other.status == RegistrationStatus.WAITING
