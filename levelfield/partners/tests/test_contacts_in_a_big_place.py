"""Adding a member as a contact at a partner organisation in a big collective: the form
cannot list thousands of members, so the member finds the contact by name, chooses them
and saves. A small collective still chooses from a list of everyone (test_partners.py)."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from levelfield.lib.testing.world import World
from levelfield.partners import services
from levelfield.partners.models import Contact, Organisation
from levelfield.people.models import User

pytestmark = pytest.mark.django_db


@pytest.fixture
def council(world: World) -> Organisation:
    organisation = services.organisation_create(
        place=world.collective_place,
        actor=world.member,
        values={
            "name": "Riverside City Council",
            "kind": "council",
            "website": "",
            "notes": "",
            "active": True,
        },
        relationships=["commissioner"],
    )
    organisation.place = world.collective_place
    return organisation


@pytest.fixture
def member(client: Client, world: World, big_places: None) -> Client:
    """Mo, a member of the collective, adding contacts."""
    client.force_login(world.member)
    return client


def _add_url(world: World, organisation: Organisation) -> str:
    return reverse("partners:contact_add", args=[world.collective_place.pk, organisation.pk])


def _option(page: str, person: User) -> str | None:
    """How the person's choice shows: "chosen", "not chosen", or None if absent."""
    found = re.search(rf'name="person" type="radio" value="{person.pk}"( checked)?>', page)
    if found is None:
        return None
    return "chosen" if found.group(1) else "not chosen"


def test_the_form_of_a_big_collective_lists_nobody_unfound_and_offers_a_search(
    world: World, member: Client, council: Organisation, priya: User
) -> None:
    page = member.get(_add_url(world, council)).content.decode()

    assert "Priya Shah" not in page and _option(page, priya) is None
    assert _option(page, world.coordinator) is None
    assert 'name="person-find"' in page and "Find a member by name" in page
    assert "No, they do not have an account" in page


def test_a_member_finds_the_contact_by_name_and_nothing_is_saved_yet(
    world: World, member: Client, council: Organisation, priya: User
) -> None:
    response = member.post(
        _add_url(world, council),
        {"find": "person", "person-find": "priya", "role": "Public health lead"},
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert _option(page, priya) == "not chosen" and "Priya Shah" in page
    assert "1 member found. Choose from the list, then save." in page
    assert 'value="Public health lead"' in page  # what was typed stays
    assert "There is a problem" not in page
    assert not Contact.objects.exists()


def test_a_member_chooses_the_member_found_and_adds_them_as_a_contact(
    world: World, member: Client, council: Organisation, priya: User
) -> None:
    response = member.post(
        _add_url(world, council), {"person": priya.pk, "role": "Public health lead"}
    )

    assert response.status_code == 302 and response["Location"] == council.get_absolute_url()
    contact = Contact.objects.get()
    assert contact.person == priya and contact.role == "Public health lead"


def test_someone_outside_the_collective_cannot_be_chosen_as_a_contact(
    world: World, member: Client, council: Organisation
) -> None:
    response = member.post(_add_url(world, council), {"person": world.outsider.pk})

    assert response.status_code == 200
    assert "Choose a member of the collective from the list." in response.content.decode()
    assert not Contact.objects.exists()


def test_changing_a_contact_in_a_big_collective_shows_who_they_are(
    world: World, member: Client, council: Organisation, priya: User
) -> None:
    contact = services.contact_add(
        organisation=council, actor=world.member, values={"person": priya, "role": "Lead"}
    )
    url = reverse(
        "partners:contact_edit", args=[world.collective_place.pk, council.pk, contact.pk]
    )

    page = member.get(url).content.decode()

    assert _option(page, priya) == "chosen"
    assert _option(page, world.coordinator) is None
    response = member.post(url, {"person": priya.pk, "role": "Director of public health"})
    assert response.status_code == 302
    contact.refresh_from_db()
    assert contact.person == priya and contact.role == "Director of public health"
