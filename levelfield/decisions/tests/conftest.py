"""Fixtures for the decisions tests: a project whose members share their perspectives."""

from __future__ import annotations

from typing import Any

import pytest

from levelfield.collectives.tests.factories import (
    CollectiveFactory,
    CollectiveMembershipFactory,
)
from levelfield.decisions.tests.factories import Team, make_team
from levelfield.people.tests.factories import UserFactory


@pytest.fixture
def team(db: None) -> Team:
    return make_team()


@pytest.fixture
def collective_team(db: None) -> tuple[Any, list[Any]]:
    collective = CollectiveFactory(slug="north-hub", name="North hub")
    people = [UserFactory(display_name=f"Hub{n}") for n in range(3)]
    for person in people:
        CollectiveMembershipFactory(collective=collective, person=person)
    return collective, people
