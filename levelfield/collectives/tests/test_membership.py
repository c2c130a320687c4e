"""Leaving a collective, and giving or taking the coordinator job."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from levelfield.collectives.models import Collective, CollectiveMembership
from levelfield.collectives.tests.factories import (
    CollectiveFactory,
    CollectiveMembershipFactory,
)
from levelfield.history.models import Change
from levelfield.people.models import User


def _membership(person: User, collective: Collective) -> CollectiveMembership:
    return CollectiveMembership.objects.get(person=person, collective=collective)


def _set_coordinator(
    client: Client, collective: Collective, membership: CollectiveMembership, value: str
) -> object:
    return client.post(
        reverse("collectives:coordinator", args=[collective.slug, membership.pk]),
        {"coordinator": value},
    )


def test_a_member_confirms_and_leaves(
    client: Client, collective: Collective, member: User
) -> None:
    client.force_login(member)
    url = reverse("collectives:leave", args=[collective.slug])
    confirm = client.get(url).content.decode()
    assert "Leave Leeds Carers Collective?" in confirm
    assert "You are the only member" not in confirm

    response = client.post(url)

    assert response.url == reverse("collectives:list")
    assert not CollectiveMembership.objects.filter(person=member).exists()
    change = Change.objects.get(action="left")
    assert (change.actor, change.collective) == (member, collective)
    assert change.before == {"member": "Mo", "coordinator": False}
    assert "You have left Leeds Carers Collective" in client.get(response.url).content.decode()
    assert client.get(reverse("collectives:detail", args=[collective.slug])).status_code == 404


def test_the_last_member_is_warned_and_must_confirm_before_leaving(
    client: Client, collective: Collective, coordinator: User
) -> None:
    client.force_login(coordinator)
    url = reverse("collectives:leave", args=[collective.slug])
    assert "You are the only member" in client.get(url).content.decode()

    refused = client.post(url)

    assert refused.status_code == 200
    assert "Confirm that you understand nobody will be able to open" in refused.content.decode()
    assert CollectiveMembership.objects.filter(person=coordinator).exists()

    client.post(url, {"understood": "on"})

    assert not CollectiveMembership.objects.filter(collective=collective).exists()
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


def test_any_member_gives_and_takes_the_coordinator_job(
    client: Client, collective: Collective, coordinator: User, member: User
) -> None:
    """Power is shared: a member who is not a coordinator can take the job from one."""
    client.force_login(member)
    cora = _membership(coordinator, collective)

    response = _set_coordinator(client, collective, cora, "no")

    cora.refresh_from_db()
    assert not cora.is_coordinator
    taken = Change.objects.get(action="coordinator_taken")
    assert taken.summary == "Mo took the coordinator job from Cora"
    assert taken.before["coordinator"] is True and taken.after["coordinator"] is False
    assert "Cora is no longer a coordinator" in client.get(response.url).content.decode()

    _set_coordinator(client, collective, cora, "yes")
    cora.refresh_from_db()
    assert cora.is_coordinator
    assert Change.objects.get(action="coordinator_given").summary == (
        "Mo gave Cora the coordinator job"
    )


def test_a_member_takes_on_the_job_themselves(
    client: Client, collective: Collective, member: User
) -> None:
    client.force_login(member)
    response = _set_coordinator(client, collective, _membership(member, collective), "yes")
    assert _membership(member, collective).is_coordinator
    assert Change.objects.get(action="coordinator_given").summary == (
        "Mo took on the coordinator job"
    )
    assert "You are now a coordinator" in client.get(response.url).content.decode()


def test_giving_the_job_twice_records_it_once(
    client: Client, collective: Collective, member: User
) -> None:
    client.force_login(member)
    mine = _membership(member, collective)
    _set_coordinator(client, collective, mine, "yes")
    response = _set_coordinator(client, collective, mine, "yes")
    assert Change.objects.filter(action="coordinator_given").count() == 1
    assert "You are already a coordinator" in client.get(response.url).content.decode()


def test_a_nonsense_coordinator_value_changes_nothing(
    client: Client, collective: Collective, coordinator: User, member: User
) -> None:
    client.force_login(member)
    cora = _membership(coordinator, collective)
    for value in ("", "maybe"):
        response = _set_coordinator(client, collective, cora, value)
        assert response.status_code == 302
    cora.refresh_from_db()
    assert cora.is_coordinator
    assert not Change.objects.filter(action__startswith="coordinator").exists()


def test_a_member_cannot_change_a_membership_in_another_collective(
    client: Client, collective: Collective, member: User, outsider: User
) -> None:
    elsewhere = CollectiveFactory()
    theirs = CollectiveMembershipFactory(collective=elsewhere, person=outsider)
    client.force_login(member)
    assert _set_coordinator(client, collective, theirs, "yes").status_code == 404
    assert _set_coordinator(client, elsewhere, theirs, "yes").status_code == 404
    theirs.refresh_from_db()
    assert not theirs.is_coordinator
