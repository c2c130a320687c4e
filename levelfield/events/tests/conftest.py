"""A collective with a project; a member (who organises), a coordinator, another
member, and an outsider; and helpers to plan an event through the service."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone

from levelfield.collectives.models import Collective
from levelfield.collectives.tests.factories import CollectiveFactory, CollectiveMembershipFactory
from levelfield.events import services
from levelfield.events.models import Audience, Event, EventFormat, EventKind
from levelfield.people.models import User
from levelfield.people.tests.factories import UserFactory
from levelfield.places.access import collective_place
from levelfield.projects.models import Project, Stage
from levelfield.projects.tests.factories import ProjectFactory, ProjectMembershipFactory


@pytest.fixture(autouse=True)
def _pinned_clock(clock: object) -> None:
    """Events are planned relative to now: pin it (the root conftest's `clock`), so a test
    means the same at 23:50 as at noon. A test moves it with `clock.move_to(...)`."""


@pytest.fixture
def collective(db: None) -> Collective:
    return CollectiveFactory(name="Stroke Voices", slug="stroke-voices")


@pytest.fixture
def organiser(collective: Collective) -> User:
    person = UserFactory(display_name="Amara", email="amara@example.org")
    CollectiveMembershipFactory(collective=collective, person=person)
    return person


@pytest.fixture
def member(collective: Collective) -> User:
    person = UserFactory(display_name="Gordon", email="gordon@example.org")
    CollectiveMembershipFactory(collective=collective, person=person)
    return person


@pytest.fixture
def coordinator(collective: Collective) -> User:
    person = UserFactory(display_name="Priya", email="priya@example.org")
    CollectiveMembershipFactory(collective=collective, person=person, is_coordinator=True)
    return person


@pytest.fixture
def outsider(db: None) -> User:
    return UserFactory(display_name="Olu", email="olu@example.org")


@pytest.fixture
def project(collective: Collective, organiser: User, member: User) -> Project:
    project = ProjectFactory(
        collective=collective, title="Life after stroke", stage=Stage.DESIGN, created_by=organiser
    )
    ProjectMembershipFactory(project=project, person=organiser)
    ProjectMembershipFactory(project=project, person=member)
    return project


def event_values(**changes: Any) -> dict[str, Any]:
    start = (timezone.now() + datetime.timedelta(days=7)).replace(second=0, microsecond=0)
    values: dict[str, Any] = {
        "title": "Co-Pro Cuppa",
        "description": "An open conversation.",
        "kind": EventKind.CUPPA,
        "format": EventFormat.ONLINE,
        "timezone_name": "Europe/London",
        "audience": Audience.COLLECTIVE,
        "joining_link": "https://meet.example.org/secret-room",
        "capacity": 2,
        "perspective_caps": {},
        "reminder_hours": [48, 2],
        "preparation_minutes": 0,
        "starts_at": start,
        "ends_at": start + datetime.timedelta(minutes=90),
    }
    values.update(changes)
    return values


@pytest.fixture
def plan(collective: Collective, organiser: User) -> Callable[..., Event]:
    """Plan an event through the service: `plan(capacity=20, place=project.place)`; in
    the collective's own place unless `place` says otherwise."""

    def make(place: Any = None, **changes: Any) -> Event:
        return services.event_create(
            place=place or collective_place(collective.pk),
            actor=organiser,
            values=event_values(**changes),
        )

    return make
