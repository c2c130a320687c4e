"""The coordinator job in a collective: a member is asked and says yes or no, or
volunteers; everyone sees who holds it and since when; the holder steps down with one
click; every change is in the history. Who may do what is in roles.py."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from levelfield.collectives import coordinator_job, roles
from levelfield.collectives.coordinator_job import Asked
from levelfield.collectives.models import Collective, CollectiveMembership
from levelfield.collectives.tests.factories import CollectiveFactory, CollectiveMembershipFactory
from levelfield.history.models import Change
from levelfield.lib.words import day
from levelfield.people.models import User


def _membership(person: User, collective: Collective) -> CollectiveMembership:
    return CollectiveMembership.objects.get(person=person, collective=collective)


def _ask(client: Client, collective: Collective, person: User) -> object:
    membership = _membership(person, collective)
    return client.post(
        reverse("collectives:coordinator_ask", args=[collective.slug, membership.pk])
    )


def _own(client: Client, collective: Collective, what: str) -> object:
    return client.post(reverse(f"collectives:coordinator_{what}", args=[collective.slug]))


def _page(client: Client, collective: Collective) -> str:
    return client.get(reverse("collectives:detail", args=[collective.slug])).content.decode()


def test_a_member_asks_another_who_accepts_and_everyone_sees_since_when(
    client: Client, collective: Collective, coordinator: User, member: User
) -> None:
    client.force_login(coordinator)
    response = _ask(client, collective, member)
    assert (
        "You asked Mo to take on the coordinator job" in client.get(response.url).content.decode()
    )
    asked = _membership(member, collective)
    assert asked.coordinator_asked and asked.coordinator_asked_by == coordinator
    assert not asked.is_coordinator
    assert "Asked by Cora on" in _page(client, collective)

    client.force_login(member)
    html = _page(client, collective)
    assert "Cora asked you to take on the coordinator job" in html
    response = _own(client, collective, "accept")

    held = _membership(member, collective)
    assert held.is_coordinator and not held.coordinator_asked
    assert f"since {day(held.coordinator_since)}" in client.get(response.url).content.decode()
    changes = Change.objects.filter(collective=collective, action__startswith="coordinator_")
    assert [(c.action, c.actor, c.summary) for c in changes.order_by("id")] == [
        ("coordinator_asked", coordinator, "Cora asked Mo to take on the coordinator job"),
        ("coordinator_accepted", member, "Mo accepted the coordinator job (asked by Cora)"),
    ]
    assert changes.order_by("id").last().before == {"member": "Mo", "coordinator": "asked"}
    assert changes.order_by("id").last().after == {"member": "Mo", "coordinator": "yes"}
    history = client.get(reverse("collectives:history", args=[collective.slug]))
    assert "Mo accepted the coordinator job" in history.content.decode()


def test_the_asked_member_declines_and_nothing_else_changes(
    client: Client, collective: Collective, coordinator: User, member: User
) -> None:
    client.force_login(coordinator)
    _ask(client, collective, member)
    client.force_login(member)

    response = _own(client, collective, "decline")

    declined = _membership(member, collective)
    assert not declined.is_coordinator and not declined.coordinator_asked
    assert "You said no to the coordinator job" in client.get(response.url).content.decode()
    assert Change.objects.get(action="coordinator_declined").summary == (
        "Mo declined the coordinator job (asked by Cora)"
    )


def test_a_member_volunteers_and_holds_the_job_at_once(
    client: Client, collective: Collective, member: User
) -> None:
    client.force_login(member)
    response = _ask(client, collective, member)
    assert _membership(member, collective).is_coordinator
    assert "Thank you for volunteering" in client.get(response.url).content.decode()
    assert Change.objects.get(action="coordinator_volunteered").summary == (
        "Mo took on the coordinator job"
    )


def test_the_coordinator_steps_down_with_one_click(
    client: Client, collective: Collective, coordinator: User, member: User
) -> None:
    client.force_login(coordinator)
    assert "Step down as coordinator" in _page(client, collective)

    _own(client, collective, "step_down")

    assert not _membership(coordinator, collective).is_coordinator
    change = Change.objects.get(action="coordinator_stepped_down")
    assert (change.actor, change.summary) == (
        coordinator,
        "Cora stepped down from the coordinator job",
    )
    # Stepping down again changes nothing.
    _own(client, collective, "step_down")
    assert Change.objects.filter(action="coordinator_stepped_down").count() == 1


def test_nobody_can_take_the_job_from_someone_else(
    client: Client, collective: Collective, coordinator: User, member: User
) -> None:
    """A job, not a rank: nobody removes a coordinator; they step down themselves."""
    client.force_login(member)
    assert "Step down" not in _page(client, collective)
    response = _ask(client, collective, coordinator)
    assert "Cora is already a coordinator" in client.get(response.url).content.decode()
    _own(client, collective, "step_down")  # Mo's own job, which Mo does not hold
    assert _membership(coordinator, collective).is_coordinator
    assert not Change.objects.filter(action__startswith="coordinator_").exists()
    with pytest.raises(PermissionDenied):
        coordinator_job.coordinator_step_down(
            membership=_membership(coordinator, collective), person=member
        )


def test_asking_twice_makes_one_request_and_only_the_asked_person_answers(
    client: Client, collective: Collective, coordinator: User, member: User
) -> None:
    client.force_login(coordinator)
    _ask(client, collective, member)
    response = _ask(client, collective, member)
    assert "Mo has already been asked" in client.get(response.url).content.decode()
    assert Change.objects.filter(action="coordinator_asked").count() == 1

    # Cora was not asked, so her "yes" changes nothing; she cannot answer for Mo.
    _own(client, collective, "accept")
    assert not _membership(coordinator, collective).coordinator_asked
    with pytest.raises(PermissionDenied):
        coordinator_job.coordinator_accept(
            membership=_membership(member, collective), person=coordinator
        )
    assert not _membership(member, collective).is_coordinator


def test_a_decision_can_choose_someone_and_the_reason_is_kept(
    client: Client, collective: Collective, coordinator: User, member: User
) -> None:
    outcome = coordinator_job.coordinator_ask(
        membership=_membership(member, collective),
        asked_by=coordinator,
        reason="chosen by the decision “Who organises 2027”",
    )
    assert outcome is Asked.ASKED
    assert Change.objects.get(action="coordinator_asked").summary == (
        "Cora asked Mo to take on the coordinator job "
        "(chosen by the decision “Who organises 2027”)"
    )
    client.force_login(member)
    assert "Why: chosen by the decision" in _page(client, collective)


def test_someone_outside_cannot_ask_even_by_calling_the_service(
    collective: Collective, member: User, outsider: User
) -> None:
    with pytest.raises(PermissionDenied):
        coordinator_job.coordinator_ask(
            membership=_membership(member, collective), asked_by=outsider
        )
    assert not _membership(member, collective).coordinator_asked
    assert not Change.objects.exists()


def test_a_membership_in_another_collective_is_not_found(
    client: Client, collective: Collective, member: User, outsider: User
) -> None:
    elsewhere = CollectiveFactory()
    theirs = CollectiveMembershipFactory(collective=elsewhere, person=outsider)
    client.force_login(member)
    url = reverse("collectives:coordinator_ask", args=[collective.slug, theirs.pk])
    assert client.post(url).status_code == 404
    url = reverse("collectives:coordinator_ask", args=[elsewhere.slug, theirs.pk])
    assert client.post(url).status_code == 404
    theirs.refresh_from_db()
    assert not theirs.coordinator_asked


def test_the_rules_say_any_member_except_the_jobs_own_duties(
    collective: Collective,
    coordinator: User,
    member: User,
    outsider: User,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    duties = {
        roles.Action.APPROVE_CLAIM,
        roles.Action.SET_PAYMENT_POLICY,
        roles.Action.CHANGE_SOMEONES_HOURS,
        roles.Action.CURATE_RESOURCES,
        roles.Action.SET_UP_REVIEW_GROUP,  # reviews
        roles.Action.RUN_EVENT_LOGISTICS,  # events
        roles.Action.PUBLISH_STORIES,  # stories
        roles.Action.ANSWER_INTEREST,  # stories
        roles.Action.EDIT_PUBLIC_PAGE,  # stories
        roles.Action.PUBLISH_REPORT,  # reports
    }
    assert {a for a, who in roles.RULES.items() if who is not roles.Who.ANY_MEMBER} == duties
    for action in duties:
        assert roles.may(coordinator, action, collective)
        assert not roles.may(member, action, collective)
    for action in set(roles.Action) - duties:
        assert roles.may(member, action, collective)
        assert roles.may(coordinator, action, collective)
        assert not roles.may(outsider, action, collective)
    # A duty of the job (as later issues add): only the holder may do it.
    monkeypatch.setitem(roles.RULES, roles.Action.EDIT, roles.Who.THE_COORDINATOR)
    assert roles.may(coordinator, roles.Action.EDIT, collective)
    assert not roles.may(member, roles.Action.EDIT, collective)
    with pytest.raises(PermissionDenied):
        roles.require(member, roles.Action.EDIT, collective)
