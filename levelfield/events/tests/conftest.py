"""Events' tests use the one test world (levelfield/lib/testing/world.py): Riverside,
its project and its people. Mo organises, Cal is another member (joined to the project
here), Cora coordinates and Olu is an outsider; and helpers to plan an event through
the service."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone

from levelfield.collectives.models import Collective
from levelfield.events import services
from levelfield.events.models import Audience, Event, EventFormat, EventKind
from levelfield.lib.testing.world import World
from levelfield.people.models import User
from levelfield.places.access import collective_place
from levelfield.projects.models import Project, Stage
from levelfield.projects.tests.factories import ProjectMembershipFactory


@pytest.fixture(autouse=True)
def _pinned_clock(clock: object) -> None:
    """Events are planned relative to now: pin it (the root conftest's `clock`), so a test
    means the same at 23:50 as at noon. A test moves it with `clock.move_to(...)`."""


@pytest.fixture
def collective(world: World) -> Collective:
    """The world's collective, Riverside."""
    return world.collective


@pytest.fixture
def organiser(world: World) -> User:
    """Mo organises: in the collective, the project and the Allies Group."""
    return world.member


@pytest.fixture
def member(world: World) -> User:
    """Cal, another member: in the collective and in none of its groups."""
    return world.collective_member


@pytest.fixture
def coordinator(world: World) -> User:
    """Cora coordinates the collective (and the project)."""
    return world.coordinator


@pytest.fixture
def outsider(world: World) -> User:
    """Olu has an account and belongs to nothing here."""
    return world.outsider


@pytest.fixture
def project(world: World, member: User) -> Project:
    """The world's project at the design stage, with Cal joined to it so the organiser
    and another member plan its meetings together."""
    project = world.project
    project.stage = Stage.DESIGN
    project.save(update_fields=["stage"])
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
