"""Choosing an event's organisers in a big place: the form cannot list thousands of
members, so it lists those already organising and the people a search by name found,
and the organiser finds Priya by name, ticks her and plans the meeting with her. A
small team still ticks names on a list of everyone (test_group_meetings.py)."""

from __future__ import annotations

import datetime
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from levelfield.events import services
from levelfield.events.models import Event
from levelfield.events.tests.conftest import event_values
from levelfield.lib.testing.world import World
from levelfield.people.models import User

pytestmark = pytest.mark.django_db


@pytest.fixture
def planner(client: Client, world: World, big_places: None) -> Client:
    """Mo, planning an event in the collective's own place."""
    client.force_login(world.member)
    return client


def _url(world: World) -> str:
    return reverse("events:create") + f"?collective={world.collective.slug}"


def _form(**changes: object) -> dict[str, object]:
    start = timezone.localtime(timezone.now() + datetime.timedelta(days=7))
    return {
        "title": "Planning the autumn survey",
        "kind": "meeting",
        "date": f"{start:%Y-%m-%d}",
        "start_time": "10:00",
        "end_time": "11:30",
        "timezone_name": "Europe/London",
        "format": "online",
        "audience": "collective",
        "capacity": "",
        "reminders": "48, 2",
        **changes,
    }


def _box(page: str, person: User) -> str | None:
    """How the person's organiser box shows: "ticked", "unticked", or None if absent."""
    found = re.search(rf'name="organisers" type="checkbox" value="{person.pk}"( checked)?>', page)
    if found is None:
        return None
    return "ticked" if found.group(1) else "unticked"


def test_the_form_of_a_big_place_lists_nobody_unfound_and_offers_a_search(
    world: World, planner: Client, priya: User
) -> None:
    page = planner.get(_url(world)).content.decode()

    assert "Priya Shah" not in page and _box(page, priya) is None
    assert _box(page, world.collective_member) is None
    assert 'name="organisers-find"' in page and "Find a member by name" in page
    assert 'name="find" value="organisers"' in page


def test_the_organiser_finds_a_member_by_name_and_nothing_is_saved_yet(
    world: World, planner: Client, priya: User
) -> None:
    response = planner.post(
        _url(world), _form(find="organisers", **{"organisers-find": "pri sha"})
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert _box(page, priya) == "unticked" and "Priya Shah" in page
    assert "1 member found. Choose from the list, then save." in page
    assert 'value="Planning the autumn survey"' in page  # what was typed stays
    assert 'value="pri sha"' in page
    assert "There is a problem" not in page
    assert not Event.objects.exists()


def test_the_organiser_is_not_offered_to_themselves(world: World, planner: Client) -> None:
    response = planner.post(_url(world), _form(find="organisers", **{"organisers-find": "Mo"}))

    page = response.content.decode()
    assert _box(page, world.member) is None
    assert "No member’s name has “Mo” in it." in page
    assert not Event.objects.exists()


def test_the_organiser_ticks_the_member_found_and_plans_the_event_with_them(
    world: World, planner: Client, priya: User
) -> None:
    response = planner.post(_url(world), _form(organisers=[priya.pk]))

    event = Event.objects.get()
    assert response.status_code == 302 and response.url == event.get_absolute_url()
    assert set(event.organisers.all()) == {world.member, priya}


def test_someone_outside_the_place_cannot_be_made_an_organiser(
    world: World, planner: Client, priya: User
) -> None:
    response = planner.post(_url(world), _form(organisers=[world.outsider.pk]))

    assert response.status_code == 200
    assert "Choose organisers who are members." in response.content.decode()
    assert not Event.objects.exists()


def test_changing_an_event_in_a_big_place_shows_who_organises_it_already(
    world: World, planner: Client, priya: User
) -> None:
    event = services.event_create(
        place=world.collective_place,
        actor=world.member,
        values=event_values(),
        organisers=[world.collective_member],
    )

    page = planner.get(reverse("events:edit", args=[event.pk])).content.decode()

    assert _box(page, world.collective_member) == "ticked"
    assert _box(page, priya) is None and _box(page, world.group_member) is None
    assert 'name="organisers-find"' in page


def test_an_organiser_who_changes_the_event_stays_an_organiser(
    world: World, planner: Client
) -> None:
    # The form lists organisers "besides you", so saving it must not drop you (it did).
    event = services.event_create(
        place=world.collective_place,
        actor=world.coordinator,
        values=event_values(),
        organisers=[world.member],
    )
    response = planner.post(
        reverse("events:edit", args=[event.pk]),
        _form(title="Planning the winter survey", organisers=[world.coordinator.pk]),
    )

    assert response.status_code == 302
    event.refresh_from_db()
    assert event.title == "Planning the winter survey"
    assert set(event.organisers.all()) == {world.coordinator, world.member}


def test_the_time_zone_list_keeps_the_chosen_zone_and_names_a_wrong_one(
    world: World, planner: Client
) -> None:
    # Its 600 options are written once per process (decisions.forms.zone_options_html).
    page = planner.get(_url(world)).content.decode()
    assert '<select class="govuk-select" id="id_timezone_name" name="timezone_name">' in page
    assert '<option value="Europe/London" selected>' in page

    response = planner.post(_url(world), _form(timezone_name="Pacific/Auckland", title=""))
    page = response.content.decode()
    assert '<option value="Pacific/Auckland" selected>' in page
    assert '<option value="Europe/London" selected>' not in page

    response = planner.post(_url(world), _form(timezone_name="Mars/Olympus"))
    page = response.content.decode()
    assert 'class="govuk-select govuk-select--error"' in page
    assert "Choose a time zone from the list" in page  # not Django's own words
    assert not Event.objects.exists()
