"""Collective tests start from the one test world (levelfield/lib/testing/world.py).

Each fixture is a view of the world under the name the tests use: Riverside collective,
Cora who coordinates it, Mo who is a member and Olu who belongs to nothing.
"""

from __future__ import annotations

import pytest

from levelfield.collectives.models import Collective
from levelfield.lib.testing.world import World
from levelfield.people.models import User


@pytest.fixture
def collective(world: World) -> Collective:
    return world.collective


@pytest.fixture
def coordinator(world: World) -> User:
    return world.coordinator


@pytest.fixture
def member(world: World) -> User:
    return world.member


@pytest.fixture
def outsider(world: World) -> User:
    return world.outsider
