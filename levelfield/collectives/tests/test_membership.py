"""Leaving a collective (the coordinator job is in test_coordinator.py)."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from levelfield.collectives.models import Collective
from levelfield.collectives.tests.factories import CollectiveFactory, CollectiveMembershipFactory
from levelfield.history.models import Change
from levelfield.people.models import User
from levelfield.places.models import PlaceMembership


def _membership(person: User, collective: Collective) -> PlaceMembership:
    return PlaceMembership.objects.of_collective(collective).get(person=person)


def test_a_member_confirms_and_leaves(
    client: Client, collective: Collective, member: User
) -> None:
    client.force_login(member)
    url = reverse("collectives:leave", args=[collective.slug])
    confirm = client.get(url).content.decode()
    assert "Leave Riverside Co-production Collective?" in confirm
    assert "You are the only member" not in confirm

    response = client.post(url)

    assert response.url == reverse("collectives:list")
    assert not PlaceMembership.objects.in_collectives().filter(person=member).exists()
    change = Change.objects.get(action="left", actor=member)
    assert (change.actor, change.collective) == (member, collective)
    assert change.before == {"member": "Mo", "coordinator": False}
    assert (
        "You have left Riverside Co-production Collective"
        in client.get(response.url).content.decode()
    )
    assert client.get(reverse("collectives:detail", args=[collective.slug])).status_code == 404


def test_the_last_member_is_warned_and_must_confirm_before_leaving(
    client: Client, coordinator: User
) -> None:
    # Kept local: the world's collective has four members, and this needs one alone.
    collective = CollectiveFactory(name="Quiet Corner", slug="quiet-corner")
    CollectiveMembershipFactory(collective=collective, person=coordinator, is_coordinator=True)
    client.force_login(coordinator)
    url = reverse("collectives:leave", args=[collective.slug])
    assert "You are the only member" in client.get(url).content.decode()

    refused = client.post(url)

    assert refused.status_code == 200
    assert "Confirm that you understand nobody will be able to open" in refused.content.decode()
    assert PlaceMembership.objects.of_collective(collective).filter(person=coordinator).exists()

    client.post(url, {"understood": "on"})

    assert not PlaceMembership.objects.of_collective(collective).exists()
    assert Change.objects.filter(action="left", collective=collective).count() == 1


def test_the_only_coordinator_is_told_others_can_take_the_job(
    client: Client, collective: Collective, coordinator: User, member: User
) -> None:
    client.force_login(coordinator)
    html = client.get(reverse("collectives:leave", args=[collective.slug])).content.decode()
    assert "You are the only coordinator" in html
    client.force_login(member)
    html = client.get(reverse("collectives:leave", args=[collective.slug])).content.decode()
    assert "You are the only coordinator" not in html
