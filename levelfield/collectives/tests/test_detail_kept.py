"""The collective home keeps its members table and its page of projects: each member
still sees their own row and their own projects, and every change shows at once."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from levelfield.collectives import services as collective_services
from levelfield.collectives.models import Collective
from levelfield.lib.testing.world import World
from levelfield.people.models import User
from levelfield.places import coordinator
from levelfield.places.models import PlaceMembership
from levelfield.projects import services as project_services
from levelfield.projects.models import Stage

pytestmark = pytest.mark.django_db


def _home(client: Client, world: World, person: User) -> str:
    client.force_login(person)
    response = client.get(reverse("collectives:detail", args=[world.collective.slug]))
    assert response.status_code == 200
    return response.content.decode()


def test_each_member_sees_only_their_own_row_as_theirs(client: Client, world: World) -> None:
    as_mo = _home(client, world, world.member)
    assert "Mo</a> (you)" in as_mo
    assert "Cora</a> (you)" not in as_mo
    assert "Volunteer to coordinate" in as_mo
    assert "Step down as coordinator" not in as_mo
    as_cora = _home(client, world, world.coordinator)
    assert "Cora</a> (you)" in as_cora
    assert "Mo</a> (you)" not in as_cora
    assert "Step down as coordinator" in as_cora
    assert "Volunteer to coordinate" not in as_cora


def test_the_kept_table_carries_each_viewers_own_token(world: World) -> None:
    """The forms in a kept table work for whoever sees them (CSRF checked)."""
    first = Client(enforce_csrf_checks=True)
    _home(first, world, world.collective_member)  # keeps the table
    second = Client(enforce_csrf_checks=True)
    html = _home(second, world, world.group_member)
    assert "csrf-token-of-the-viewer" not in html
    token = html.split('name="csrfmiddlewaretoken" value="', 1)[1].split('"', 1)[0]
    mo = PlaceMembership.objects.get(place=world.collective_place, person=world.member)
    url = reverse("places:coordinator_ask", args=[world.collective_place.pk, mo.pk])
    response = second.post(url, {"csrfmiddlewaretoken": token})
    assert response.status_code == 302
    mo.refresh_from_db()
    assert mo.coordinator_asked


def test_someone_joining_or_leaving_shows_at_once(client: Client, world: World) -> None:
    assert "Olu</a>" not in _home(client, world, world.member)
    Collective.objects.filter(pk=world.collective.pk).update(listed=True)
    join_request = collective_services.collective_join_request_create(
        collective=world.collective, person=world.outsider, message="I care for my dad."
    )
    collective_services.collective_join_request_accept(
        join_request=join_request, actor=world.coordinator
    )
    assert "Olu</a>" in _home(client, world, world.member)
    cal = PlaceMembership.objects.get(place=world.collective_place, person=world.collective_member)
    collective_services.membership_leave(membership=cal)
    assert "Cal</a>" not in _home(client, world, world.member)


def test_a_change_of_coordinator_shows_at_once(client: Client, world: World) -> None:
    assert "Step down as coordinator" not in _home(client, world, world.member)
    mo = PlaceMembership.objects.get(place=world.collective_place, person=world.member)
    coordinator.coordinator_ask(membership=mo, asked_by=world.member)  # volunteering
    assert "Step down as coordinator" in _home(client, world, world.member)
    as_cal = _home(client, world, world.collective_member)
    assert as_cal.count("Coordinator</strong>") == 2


def test_the_projects_show_each_members_own_links_and_changes_at_once(
    client: Client, world: World
) -> None:
    detail = f'href="{reverse("projects:detail", args=[world.project.pk])}"'
    assert detail in _home(client, world, world.member)
    as_cal = _home(client, world, world.collective_member)
    assert detail not in as_cal
    assert reverse("projects:join_request", args=[world.project.pk]) in as_cal

    project_services.project_join_request_create(
        project=world.project, person=world.collective_member, message=""
    )
    assert "You asked to join" in _home(client, world, world.collective_member)
    assert "You asked to join" not in _home(client, world, world.group_member)

    project_services.project_update(
        project=world.project,
        actor=world.coordinator,
        title="Living well after a stroke, together",
        summary=world.project.summary,
        topics=world.project.topics,
        stage=Stage.ANALYSIS,
    )
    html = _home(client, world, world.group_member)
    assert "Living well after a stroke, together" in html
    assert "Analysis" in html
