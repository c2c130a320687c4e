"""The involvement log at a collective's own place: members record and correct what the
collective did together (a Cuppa, a training day) exactly as a project does, without a
research stage; people outside never see it."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from levelfield.collectives import services as collective_services
from levelfield.lib.testing.world import World
from levelfield.people.models import User
from levelfield.places.models import Place, PlaceKind
from levelfield.projects.models import InvolvementEntry
from levelfield.projects.tests.factories import InvolvementEntryFactory, ParticipationFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clock")]


@pytest.fixture
def place(world: World) -> Place:
    """Riverside's own place."""
    return world.collective_place


@pytest.fixture
def member(world: World) -> User:
    """Cal, in the collective but in none of its projects or groups."""
    return world.collective_member


def _entry_form(person: User, **changes: str) -> dict[str, str]:
    values = {
        "title": "Co-Pro Cuppa",
        "happened_on": "2026-06-03",
        "kind": "meeting",
        f"took_part_{person.pk}": "on",
        f"hours_{person.pk}": "1.5",
    }
    values.update(changes)
    return values


def test_a_collective_has_its_own_place_from_the_start(world: World) -> None:
    founder = world.coordinator  # starting a second collective: the story is its creation
    collective = collective_services.collective_create(
        name="Hilltop Voices", kind="collective", description="", created_by=founder
    )
    place = Place.objects.get(collective=collective, kind=PlaceKind.COLLECTIVE)
    assert place.name == "Hilltop Voices" and place.project is None


def test_a_member_records_the_cuppa_in_the_collectives_log(
    client: Client, place: Place, member: User
) -> None:
    client.force_login(member)
    form = client.get(reverse("places:log_add", args=[place.pk])).content.decode()
    assert "Research stage" not in form  # a collective's own activities have none

    response = client.post(reverse("places:log_add", args=[place.pk]), _entry_form(member))

    assert response.status_code == 302
    entry = InvolvementEntry.objects.get()
    assert (entry.place, entry.stage, entry.recorded_by) == (place, "", member)
    assert [(p.person, p.minutes) for p in entry.participations.all()] == [(member, 90)]
    log = client.get(reverse("places:log", args=[place.pk])).content.decode()
    assert "Co-Pro Cuppa" in log and "1.5 hours" in log


def test_a_mistake_in_the_form_is_named_and_nothing_is_saved(
    client: Client, place: Place, member: User
) -> None:
    client.force_login(member)

    response = client.post(
        reverse("places:log_add", args=[place.pk]),
        _entry_form(member, title="", happened_on="31/02/2026", **{f"hours_{member.pk}": "lots"}),
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "Enter what happened" in page
    assert "Enter a real date" in page
    assert f"Enter the hours {member.name} spent as a number" in page
    assert not InvolvementEntry.objects.exists()


@pytest.mark.parametrize("who", ["outsider", "former"])
def test_people_outside_the_collective_get_not_found(
    client: Client, world: World, place: Place, member: User, who: str
) -> None:
    entry = InvolvementEntryFactory(place=place, stage="")
    ParticipationFactory(entry=entry, person=member)
    person = getattr(world, who)  # Olu never joined; Fern left Riverside
    client.force_login(person)

    for url in (
        reverse("places:log", args=[place.pk]),
        reverse("places:log_add", args=[place.pk]),
        reverse("places:log_entry", args=[place.pk, entry.pk]),
        reverse("places:log_edit", args=[place.pk, entry.pk]),
    ):
        assert client.get(url).status_code == 404
    assert (
        client.post(reverse("places:log_add", args=[place.pk]), _entry_form(person)).status_code
        == 404
    )
    assert InvolvementEntry.objects.count() == 1


def test_visitors_are_asked_to_sign_in(client: Client, place: Place) -> None:
    response = client.get(reverse("places:log", args=[place.pk]))
    assert response.status_code == 302 and reverse("account_login") in response["Location"]


def test_an_entry_from_another_place_or_a_wrong_id_is_not_found(
    client: Client, world: World, place: Place
) -> None:
    elsewhere = InvolvementEntryFactory(project=world.project)  # in the project's log
    client.force_login(world.member)  # who may read it there, not through Riverside's log
    assert (
        client.get(reverse("places:log_entry", args=[world.project_place.pk, elsewhere.pk]))
    ).status_code == 200

    assert (
        client.get(reverse("places:log_entry", args=[place.pk, elsewhere.pk])).status_code == 404
    )
    assert client.get(reverse("places:log", args=[999_999])).status_code == 404


def test_a_member_corrects_an_entry_and_the_history_keeps_it(
    client: Client, place: Place, member: User
) -> None:
    entry = InvolvementEntryFactory(
        place=place, stage="", title="Cupa", happened_on=datetime.date(2026, 6, 3)
    )
    ParticipationFactory(entry=entry, person=member, minutes=90)
    client.force_login(member)

    response = client.post(
        reverse("places:log_edit", args=[place.pk, entry.pk]), _entry_form(member)
    )

    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.title == "Co-Pro Cuppa"
    page = client.get(reverse("places:log_entry", args=[place.pk, entry.pk])).content.decode()
    assert "Cupa" in page and "corrected" in page
