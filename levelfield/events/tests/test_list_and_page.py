"""The events list and an event's page show each person what they showed before the
pages read fewer columns and kept their fixed parts (issue 25)."""

from __future__ import annotations

from collections.abc import Callable

from django.urls import reverse

from levelfield.events import services
from levelfield.events.models import Event, EventKind
from levelfield.people.models import User


def test_the_list_shows_each_events_place_time_places_left_and_the_persons_own_place(
    client, plan: Callable[..., Event], project, organiser: User, member: User
) -> None:
    coming = plan(title="Co-Pro Cuppa", capacity=3)
    project_meeting = plan(title="Design meeting", place=project.place, capacity=None)
    services.registration_create(event=coming, person=member, notify=False)
    client.force_login(member)
    page = client.get(reverse("events:list")).content.decode()
    assert "Co-Pro Cuppa" in page and "Design meeting" in page
    assert project.title in page  # the project meeting's place, by name
    assert "2 left" in page and "No limit" in page
    assert "You have a place" in page
    assert f"{coming.starts_at.astimezone().year}" in page
    assert project_meeting.get_kind_display() in page


def test_the_filters_start_empty_and_keep_what_the_person_chose(
    client, plan: Callable[..., Event], member: User
) -> None:
    plan(title="Co-Pro Cuppa")
    plan(title="Writing workshop", kind=EventKind.WORKSHOP)
    client.force_login(member)
    empty = client.get(reverse("events:list")).content.decode()
    assert '<option value="" selected>Any kind</option>' in empty
    assert "Writing workshop" in empty and "Co-Pro Cuppa" in empty
    chosen = client.get(reverse("events:list"), {"kind": EventKind.WORKSHOP}).content.decode()
    assert f'<option value="{EventKind.WORKSHOP}" selected>' in chosen
    assert "Writing workshop" in chosen and "Co-Pro Cuppa" not in chosen
    # The unfiltered list again shows the empty form, not the last person's choice.
    again = client.get(reverse("events:list")).content.decode()
    assert '<option value="" selected>Any kind</option>' in again
