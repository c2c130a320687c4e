"""A collective with two members (one starts a partnership) and an outsider."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from levelfield.collectives.models import Collective
from levelfield.collectives.tests.factories import CollectiveFactory, CollectiveMembershipFactory
from levelfield.people.models import User
from levelfield.people.tests.factories import UserFactory
from levelfield.priorities import services
from levelfield.priorities.models import Partnership


@pytest.fixture(autouse=True)
def fresh_rate_limit() -> None:
    cache.clear()


@pytest.fixture
def collective(db: None) -> Collective:
    return CollectiveFactory(name="Stroke Voices", slug="stroke-voices")


@pytest.fixture
def member(collective: Collective) -> User:
    user = UserFactory(display_name="Dev", email="dev@example.org")
    CollectiveMembershipFactory(collective=collective, person=user)
    return user


@pytest.fixture
def other_member(collective: Collective) -> User:
    user = UserFactory(display_name="Amara", email="amara@example.org")
    CollectiveMembershipFactory(collective=collective, person=user)
    return user


@pytest.fixture
def outsider(db: None) -> User:
    return UserFactory(display_name="Olu", email="olu@example.org")


@pytest.fixture
def partnership(collective: Collective, member: User) -> Partnership:
    return services.partnership_create(
        collective=collective, actor=member, title="Life after stroke", scope="Stroke."
    )
