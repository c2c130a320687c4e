"""People and a collective that most collective tests start from."""

from __future__ import annotations

import pytest

from levelfield.collectives.models import Collective
from levelfield.collectives.tests.factories import (
    CollectiveFactory,
    CollectiveMembershipFactory,
)
from levelfield.people.models import User
from levelfield.people.tests.factories import UserFactory


@pytest.fixture
def collective(db: None) -> Collective:
    return CollectiveFactory(name="Leeds Carers Collective", slug="leeds-carers")


@pytest.fixture
def coordinator(collective: Collective) -> User:
    user = UserFactory(display_name="Cora")
    CollectiveMembershipFactory(collective=collective, person=user, is_coordinator=True)
    return user


@pytest.fixture
def member(collective: Collective, coordinator: User) -> User:
    user = UserFactory(display_name="Mo")
    CollectiveMembershipFactory(collective=collective, person=user)
    return user


@pytest.fixture
def outsider(db: None) -> User:
    return UserFactory(display_name="Olu")
