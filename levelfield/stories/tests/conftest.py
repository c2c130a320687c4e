"""A collective with a member who writes, a coordinator who publishes, another member,
and someone signed in from outside; the cache emptied for each test (the public home
caches a fragment) and uploaded pictures kept in a temporary folder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from django.core.cache import cache

from levelfield.collectives.models import Collective
from levelfield.collectives.tests.factories import CollectiveFactory, CollectiveMembershipFactory
from levelfield.people.models import User
from levelfield.people.tests.factories import UserFactory


@pytest.fixture(autouse=True)
def _clean_cache_and_media(settings: pytest.FixtureRequest, tmp_path: Path) -> Iterator[None]:
    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def collective(db: None) -> Collective:
    return CollectiveFactory(
        name="Stroke Voices", slug="stroke-voices", description="People after stroke."
    )


@pytest.fixture
def writer(collective: Collective) -> User:
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
