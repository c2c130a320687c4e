"""The one test world (levelfield/lib/testing/world.py): Riverside, with a member who
writes (Mo), a coordinator who publishes (Cora), another member (Cal) and someone signed
in from outside (Olu); the cache emptied for each test (the public home
caches a fragment) and uploaded pictures kept in a temporary folder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from django.core.cache import cache

from levelfield.collectives.models import Collective
from levelfield.lib.testing.world import World
from levelfield.people.models import User


@pytest.fixture(autouse=True)
def _clean_cache_and_media(settings: pytest.FixtureRequest, tmp_path: Path) -> Iterator[None]:
    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def collective(world: World) -> Collective:
    """The world's collective, Riverside."""
    return world.collective


@pytest.fixture
def writer(world: World) -> User:
    """Mo writes the stories."""
    return world.member


@pytest.fixture
def member(world: World) -> User:
    """Cal, another member of the collective."""
    return world.collective_member


@pytest.fixture
def coordinator(world: World) -> User:
    """Cora coordinates the collective and publishes."""
    return world.coordinator


@pytest.fixture
def outsider(world: World) -> User:
    """Olu, signed in from outside."""
    return world.outsider
