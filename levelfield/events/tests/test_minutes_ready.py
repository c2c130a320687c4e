"""When the draft minutes are ready, the organiser asks the people who came to comment:
each of them is told once, after the change commits, as they chose to hear about it,
with a link to the minutes (issue 22)."""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from levelfield.collectives.models import Collective
from levelfield.collectives.tests.factories import CollectiveMembershipFactory
from levelfield.events import services
from levelfield.events.models import Event, Minutes, Registration
from levelfield.history.models import Change
from levelfield.notifications.kinds import Frequency
from levelfield.notifications.models import Notification
from levelfield.notifications.services import preferences_save
from levelfield.people.models import User
from levelfield.people.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _person(collective: Collective, name: str) -> User:
    person = UserFactory(display_name=name, email=f"{name.lower()}@example.org")
    CollectiveMembershipFactory(collective=collective, person=person)
    return person


def _held(event: Event) -> Event:
    Event.objects.filter(pk=event.pk).update(
        starts_at=timezone.now() - datetime.timedelta(hours=3),
        ends_at=timezone.now() - datetime.timedelta(hours=1),
    )
    return Event.objects.get(pk=event.pk)


def test_the_people_who_came_are_asked_once_to_comment_on_the_draft(
    client: Client,
    plan: Callable[..., Event],
    organiser: User,
    member: User,
    collective: Collective,
    mailoutbox: list,
    django_capture_on_commit_callbacks: Callable,
) -> None:
    event = plan()
    quiet, absent, walker, onlooker = (
        _person(collective, name) for name in ("Quinn", "Abe", "Walt", "Ona")
    )
    for person in (member, quiet, absent):
        services.registration_create(event=event, person=person)
    event = _held(event)
    Registration.objects.filter(event=event, person=absent).update(attended=False)
    services.walk_in_add(event=event, actor=organiser, person=walker)
    preferences_save(person=quiet, frequencies={"event_minutes_ready": Frequency.OFF})
    mailoutbox.clear()
    client.force_login(organiser)
    write = reverse("events:minutes_write", args=[event.pk])
    assert "Save and ask the people who came to comment" in client.get(write).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(write, {"text": "We agreed to pay carers.", "ready": "1"})

    assert response.status_code == 302
    assert sorted(m.to[0] for m in mailoutbox) == [member.email, walker.email]
    email = next(m for m in mailoutbox if m.to == [member.email])
    assert "Draft minutes to comment on: " + event.title in email.subject
    assert reverse("events:minutes", args=[event.pk]) in email.body
    assert "Mo has written the draft minutes" in email.body
    # Quinn chose no email of this kind: the notice waits on the site instead.
    assert Notification.objects.filter(person=quiet, kind="event_minutes_ready").exists()
    assert not Notification.objects.filter(person__in=[absent, onlooker, organiser]).filter(
        kind="event_minutes_ready"
    )
    assert Minutes.objects.get().ready_at is not None
    assert Change.objects.filter(action="minutes_ready").count() == 1

    # Changing the draft, or asking again, tells nobody twice.
    page = client.get(write).content.decode()
    assert "were asked to comment on" in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(write, {"text": "We agreed to pay carers. Next: 3 May.", "ready": "1"})
        services.minutes_ready(event=event, actor=organiser)
    assert len(mailoutbox) == 2
    assert Notification.objects.filter(kind="event_minutes_ready").count() == 3


def test_saving_the_draft_alone_tells_nobody_and_only_an_organiser_may_ask(
    client: Client,
    plan: Callable[..., Event],
    organiser: User,
    member: User,
    mailoutbox: list,
    django_capture_on_commit_callbacks: Callable,
) -> None:
    event = plan()
    services.registration_create(event=event, person=member)
    event = _held(event)
    mailoutbox.clear()
    client.force_login(organiser)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("events:minutes_write", args=[event.pk]), {"text": "Draft"})

    assert mailoutbox == []
    assert Minutes.objects.get().ready_at is None
    with pytest.raises(PermissionDenied):
        services.minutes_ready(event=event, actor=member)
    assert Minutes.objects.get().ready_at is None
