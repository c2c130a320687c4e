"""The project page's people are rendered once and kept: each viewer still sees
"(you)" by their own name only, and a change of coordinator shows at once."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from levelfield.lib.testing.world import World
from levelfield.people.models import User
from levelfield.places import coordinator
from levelfield.places.models import PlaceMembership
from levelfield.projects import services

pytestmark = pytest.mark.django_db


def _page(client: Client, world: World, person: User) -> str:
    client.force_login(person)
    response = client.get(reverse("projects:detail", args=[world.project.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_each_member_sees_themselves_marked(client: Client, world: World) -> None:
    as_mo = _page(client, world, world.member)
    assert "Mo</a> (you)" in as_mo
    assert "Cora</a> (you)" not in as_mo
    as_cora = _page(client, world, world.coordinator)
    assert "Cora</a> (you)" in as_cora
    assert "Mo</a> (you)" not in as_cora


def test_a_new_coordinator_shows_at_once(client: Client, world: World) -> None:
    before = _page(client, world, world.coordinator).count("Coordinator</strong>")
    mine = PlaceMembership.objects.get(place=world.project_place, person=world.member)
    coordinator.coordinator_ask(membership=mine, asked_by=world.member)  # volunteering
    after = _page(client, world, world.coordinator).count("Coordinator</strong>")
    assert after == before + 1


def test_someone_joining_shows_at_once(client: Client, world: World) -> None:
    assert "Cal</a>" not in _page(client, world, world.member)
    services.project_member_add(
        project=world.project, person=world.collective_member, added_by=world.coordinator
    )
    assert "Cal</a>" in _page(client, world, world.member)
