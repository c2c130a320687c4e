"""Adding someone to a partnership's steering group in a collective of thousands: the
dashboard lists nobody until Mo finds Priya by name, then adds her; someone already on
the group is not offered again, and someone outside the collective cannot be added."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from levelfield.lib.testing.world import World
from levelfield.people.models import User
from levelfield.priorities.models import Partnership, SteeringMember

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("big_places")]


@pytest.fixture
def mo(client: Client, member: User) -> Client:
    client.force_login(member)
    return client


def test_mo_finds_priya_by_name_and_adds_her_to_the_steering_group(
    mo: Client, partnership: Partnership, priya: User
) -> None:
    dashboard = reverse("priorities:partnership", args=[partnership.pk])
    add = reverse("priorities:steering_add", args=[partnership.pk])
    page = mo.get(dashboard).content.decode()
    assert "Priya Shah" not in page and 'name="person-find"' in page

    found = mo.post(add, {"person-find": "priya", "find": "person"})
    assert found.status_code == 200
    assert f'value="{priya.pk}"' in found.content.decode()
    assert not SteeringMember.objects.filter(person=priya).exists()

    assert mo.post(add, {"person": str(priya.pk)}).status_code == 302
    assert SteeringMember.objects.filter(partnership=partnership, person=priya).exists()

    # On the group now, so a search for her offers her no more.
    again = mo.post(add, {"person-find": "priya", "find": "person"}).content.decode()
    assert f'value="{priya.pk}"' not in again


def test_someone_outside_the_collective_cannot_be_added(
    mo: Client, partnership: Partnership, world: World
) -> None:
    add = reverse("priorities:steering_add", args=[partnership.pk])
    for value in (str(world.outsider.pk), "999999", "nobody", ""):
        response = mo.post(add, {"person": value})
        assert response.status_code == 400, value
        assert "Choose someone" in response.content.decode()
    assert not SteeringMember.objects.exclude(person=partnership.created_by).exists()
