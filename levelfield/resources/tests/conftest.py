"""The one test world's collective (levelfield/lib/testing/world.py) with a member and
a coordinator; and no real network, ever."""

from __future__ import annotations

from typing import Any

import pytest

from levelfield.collectives.models import Collective
from levelfield.lib.testing.world import World
from levelfield.people.models import User
from levelfield.resources import links


class NoNetwork:
    def open(self, *args: Any, **kwargs: Any) -> None:
        raise AssertionError("A test tried to follow a real link")


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests never reach the network: the opener and name lookups refuse unless a test
    replaces them with its own fakes."""
    monkeypatch.setattr(links, "OPENER", NoNetwork())

    def no_lookup(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("A test tried to look up a real name")

    monkeypatch.setattr(links.socket, "getaddrinfo", no_lookup)


@pytest.fixture
def collective(world: World) -> Collective:
    """The world's collective, Riverside."""
    return world.collective


@pytest.fixture
def member(world: World) -> User:
    """Mo, a member of the collective."""
    return world.member


@pytest.fixture
def coordinator(world: World) -> User:
    """Cora, who coordinates the collective."""
    return world.coordinator


@pytest.fixture
def outsider(world: World) -> User:
    """Olu, who has an account and belongs to nothing here."""
    return world.outsider
