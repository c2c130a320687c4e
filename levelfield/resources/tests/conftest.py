"""A collective with a member and a coordinator; and no real network, ever."""

from __future__ import annotations

from typing import Any

import pytest

from levelfield.collectives.models import Collective
from levelfield.collectives.tests.factories import CollectiveFactory, CollectiveMembershipFactory
from levelfield.people.models import User
from levelfield.people.tests.factories import UserFactory
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
def collective(db: None) -> Collective:
    return CollectiveFactory(name="Stroke Voices", slug="stroke-voices")


@pytest.fixture
def member(collective: Collective) -> User:
    user = UserFactory(display_name="Dev", email="dev@example.org")
    CollectiveMembershipFactory(collective=collective, person=user)
    return user


@pytest.fixture
def coordinator(collective: Collective) -> User:
    user = UserFactory(display_name="Amara", email="amara@example.org")
    CollectiveMembershipFactory(collective=collective, person=user, is_coordinator=True)
    return user


@pytest.fixture
def outsider(db: None) -> User:
    return UserFactory(display_name="Olu", email="olu@example.org")
