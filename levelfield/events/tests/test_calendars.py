"""Calendar files and the private feed, each checked by parsing it with icalendar: the
joining link only for people with a place; a reset or unknown token is a 404."""

from __future__ import annotations

from collections.abc import Callable

import icalendar
import pytest
from django.urls import reverse

from levelfield.collectives.tests.factories import CollectiveMembershipFactory
from levelfield.events import services
from levelfield.events.models import Audience, Event
from levelfield.people.models import User
from levelfield.people.tests.factories import UserFactory

pytestmark = pytest.mark.django_db
SECRET = "https://meet.example.org/secret-room"


def _parse(response) -> icalendar.Calendar:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return icalendar.Calendar.from_ical(response.content)


def _texts(calendar: icalendar.Calendar) -> str:
    return " ".join(
        str(component.get(name, ""))
        for component in calendar.walk("VEVENT")
        for name in ("description", "location", "url")
    )


def test_an_event_file_has_the_joining_link_only_for_people_with_a_place(
    client, plan: Callable[..., Event], member: User, organiser: User
) -> None:
    event = plan()
    client.force_login(member)
    calendar = _parse(client.get(reverse("events:ics", args=[event.pk])))
    [component] = calendar.walk("VEVENT")
    assert str(component["summary"]) == "Co-Pro Cuppa"
    assert component.decoded("dtstart") == event.local_start
    assert str(component["dtstart"].params.get("TZID")) == "Europe/London"
    assert SECRET not in _texts(calendar)

    services.registration_create(event=event, person=member)
    assert SECRET in _texts(_parse(client.get(reverse("events:ics", args=[event.pk]))))
    client.force_login(organiser)
    assert SECRET in _texts(_parse(client.get(reverse("events:ics", args=[event.pk]))))


def test_the_public_file_never_has_the_joining_link(client, plan: Callable[..., Event]) -> None:
    event = plan(audience=Audience.ANYONE)
    calendar = _parse(client.get(reverse("events:public_ics", args=[event.public_code])))
    assert SECRET not in _texts(calendar)


def test_a_guests_file_has_the_link_while_they_have_a_place(
    client, plan: Callable[..., Event]
) -> None:
    from levelfield.events.access import guest_token

    event = plan(audience=Audience.ANYONE)
    registration = services.registration_create(
        event=event, guest_name="Pat", guest_email="pat@example.org"
    )
    url = reverse("events:guest_ics", args=[guest_token(registration)])
    assert SECRET in _texts(_parse(client.get(url)))
    services.registration_cancel(registration=registration)
    assert SECRET not in _texts(_parse(client.get(url)))


def test_the_private_feed_lists_the_events_with_a_place_and_a_reset_stops_the_old_address(
    client, plan: Callable[..., Event], member: User
) -> None:
    mine, waiting_for, other = plan(capacity=1), plan(capacity=1), plan(title="Not mine")
    services.registration_create(event=mine, person=member)
    filler = UserFactory()
    CollectiveMembershipFactory(collective=mine.place.collective, person=filler)
    services.registration_create(event=waiting_for, person=filler)
    services.registration_create(event=waiting_for, person=member)
    client.force_login(member)
    page = client.get(reverse("events:calendar"))
    assert "Make my calendar address" in page.content.decode()
    client.post(reverse("events:calendar_reset"))
    token = member.calendar_feed.token
    client.logout()  # the feed needs no log-in: calendar apps have none

    calendar = _parse(client.get(reverse("events:feed", args=[token])))
    # Only the place: not the event they are waiting for, nor anyone else's.
    uids = {str(c["uid"]) for c in calendar.walk("VEVENT")}
    assert uids == {f"event-{mine.pk}@levelfield"}
    assert SECRET in _texts(calendar)
    assert other.title not in calendar.to_ical().decode()

    client.force_login(member)
    client.post(reverse("events:calendar_reset"))
    client.logout()
    assert client.get(reverse("events:feed", args=[token])).status_code == 404
    member.calendar_feed.refresh_from_db()
    assert client.get(reverse("events:feed", args=[member.calendar_feed.token])).status_code == 200
    assert client.get(reverse("events:feed", args=["not-a-token"])).status_code == 404


def test_a_cancelled_event_stays_in_the_feed_marked_cancelled(
    client, plan: Callable[..., Event], member: User, organiser: User
) -> None:
    event = plan()
    services.registration_create(event=event, person=member)
    services.event_cancel(event=event, actor=organiser)
    feed = services.calendar_feed_reset(person=member)
    calendar = _parse(client.get(reverse("events:feed", args=[feed.token])))
    [component] = calendar.walk("VEVENT")
    assert str(component["status"]) == "CANCELLED"
