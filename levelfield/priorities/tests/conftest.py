"""Priorities tests start from the one test world (levelfield/lib/testing/world.py):
Riverside collective, Mo (who starts a partnership), Gita (another member) and Olu."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from levelfield.collectives.models import Collective
from levelfield.lib.testing.world import World
from levelfield.people.models import User
from levelfield.priorities import services
from levelfield.priorities.models import Partnership


@pytest.fixture(autouse=True)
def fresh_rate_limit() -> None:
    cache.clear()


@pytest.fixture
def collective(world: World) -> Collective:
    return world.collective


@pytest.fixture
def member(world: World) -> User:
    return world.member


@pytest.fixture
def other_member(world: World) -> User:
    """Another member of the world's collective: Gita."""
    return world.group_member


@pytest.fixture
def outsider(world: World) -> User:
    return world.outsider


@pytest.fixture
def partnership(collective: Collective, member: User) -> Partnership:
    return services.partnership_create(
        collective=collective, actor=member, title="Life after stroke", scope="Stroke."
    )
