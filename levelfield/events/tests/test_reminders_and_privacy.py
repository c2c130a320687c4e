"""Reminders go once and never to people who cancelled; access needs reach only the
organisers and are deleted 30 days after the event by an idempotent command."""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest
from django.core.management import call_command
from django.urls import reverse

from levelfield.collectives.tests.factories import CollectiveMembershipFactory
from levelfield.events import services
from levelfield.events.models import Event, Registration
from levelfield.people.models import User
from levelfield.people.tests.factories import UserFactory

pytestmark = pytest.mark.django_db
NEED = "I lip-read: please keep cameras on"


def test_reminders_go_two_days_and_two_hours_before_once_each_and_not_after_cancelling(
    plan: Callable[..., Event], collective, mailoutbox, django_capture_on_commit_callbacks
) -> None:
    event = plan(capacity=5)
    staying, leaving = UserFactory(email="stay@example.org"), UserFactory()
    for person in (staying, leaving):
        CollectiveMembershipFactory(collective=collective, person=person)
        services.registration_create(event=event, person=person)
    services.registration_cancel(
        registration=Registration.objects.get(event=event, person=leaving)
    )
    mailoutbox.clear()
    three_days_before = event.starts_at - datetime.timedelta(days=3)
    two_days_before = event.starts_at - datetime.timedelta(hours=47)
    two_hours_before = event.starts_at - datetime.timedelta(minutes=110)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.event_reminders_send_due(now=three_days_before) == 0
        assert services.event_reminders_send_due(now=two_days_before) == 1
        assert services.event_reminders_send_due(now=two_days_before) == 0
        assert services.event_reminders_send_due(now=two_hours_before) == 1
        assert services.event_reminders_send_due(now=two_hours_before) == 0
    assert [m.to for m in mailoutbox] == [["stay@example.org"], ["stay@example.org"]]
    assert "Reminder: Co-Pro Cuppa" in mailoutbox[0].subject
    assert "secret-room" in mailoutbox[0].body


def test_a_late_run_sends_one_reminder_not_two(
    plan: Callable[..., Event], member: User, mailoutbox, django_capture_on_commit_callbacks
) -> None:
    event = plan()
    services.registration_create(event=event, person=member)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        sent = services.event_reminders_send_due(now=event.starts_at - datetime.timedelta(hours=1))
    assert sent == 1 and len(mailoutbox) == 1
    assert (
        services.event_reminders_send_due(now=event.starts_at - datetime.timedelta(hours=1)) == 0
    )


def test_reminders_are_configurable_and_none_go_for_cancelled_events(
    plan: Callable[..., Event], member: User, organiser: User
) -> None:
    quiet = plan(reminder_hours=[])
    services.registration_create(event=quiet, person=member)
    called_off = plan()
    services.registration_create(event=called_off, person=member)
    services.event_cancel(event=called_off, actor=organiser)
    assert (
        services.event_reminders_send_due(now=quiet.starts_at - datetime.timedelta(hours=1)) == 0
    )


def test_only_the_organisers_see_access_needs_and_their_totals(
    client,
    plan: Callable[..., Event],
    member: User,
    organiser: User,
    coordinator: User,
    collective,
) -> None:
    event = plan(capacity=5)
    services.registration_create(
        event=event,
        person=member,
        access_needs=NEED,
        access_need_kinds=["captions"],
        share_access_needs=True,
    )
    other = UserFactory()
    CollectiveMembershipFactory(collective=collective, person=other)
    services.registration_create(
        event=event,
        person=other,
        access_need_kinds=["captions", "breaks"],
        share_access_needs=True,
    )
    for person in (organiser, coordinator):
        client.force_login(person)
        page = client.get(reverse("events:people", args=[event.pk])).content.decode()
        assert NEED in page
        assert "2 people asked for: captions or a transcript" in page
        assert "1 person asked for: regular breaks" in page
    client.force_login(other)
    assert client.get(reverse("events:people", args=[event.pk])).status_code == 404
    for url in (
        reverse("events:detail", args=[event.pk]),
        reverse("events:ics", args=[event.pk]),
        reverse("events:agenda", args=[event.pk]),
        reverse("events:list"),
    ):
        assert NEED not in client.get(url).content.decode()


def test_access_needs_are_not_kept_without_consent(plan: Callable[..., Event], member) -> None:
    event = plan()
    registration = services.registration_create(
        event=event, person=member, access_needs=NEED, share_access_needs=False
    )
    assert registration.access_needs == "" and registration.access_needs_shared_at is None


def test_access_needs_are_deleted_30_days_after_the_event_by_an_idempotent_command(
    plan: Callable[..., Event], member: User
) -> None:
    event = plan()
    registration = services.registration_create(
        event=event,
        person=member,
        access_needs=NEED,
        access_need_kinds=["bsl"],
        share_access_needs=True,
    )
    day_29 = event.ends_at + datetime.timedelta(days=29)
    assert services.access_needs_forget_due(now=day_29) == 0
    Event.objects.filter(pk=event.pk).update(
        starts_at=event.starts_at - datetime.timedelta(days=40),
        ends_at=event.ends_at - datetime.timedelta(days=40),
    )
    call_command("events_due", stdout=open("/dev/null", "w"))  # noqa: SIM115
    registration.refresh_from_db()
    assert registration.access_needs == "" and registration.access_need_kinds == []
    assert registration.access_needs_deleted_at is not None
    assert services.access_needs_forget_due() == 0


def test_cancelling_a_place_deletes_its_access_needs_at_once(
    plan: Callable[..., Event], member: User
) -> None:
    event = plan()
    registration = services.registration_create(
        event=event, person=member, access_needs=NEED, share_access_needs=True
    )
    services.registration_cancel(registration=registration)
    registration.refresh_from_db()
    assert registration.access_needs == ""


def test_the_joining_link_shows_only_to_people_with_a_place(
    client, plan: Callable[..., Event], member: User
) -> None:
    event = plan()
    client.force_login(member)
    url = reverse("events:detail", args=[event.pk])
    assert "secret-room" not in client.get(url).content.decode()
    services.registration_create(event=event, person=member)
    assert "secret-room" in client.get(url).content.decode()


def test_a_persons_data_download_includes_their_places_and_what_they_shared(
    plan: Callable[..., Event], member: User
) -> None:
    from levelfield.home.services import person_data_export

    event = plan()
    services.registration_create(
        event=event, person=member, access_needs=NEED, share_access_needs=True
    )
    [place] = person_data_export(person=member)["event_places"]
    assert place["event"] == "Co-Pro Cuppa"
    assert place["access_needs_shared"] == NEED
