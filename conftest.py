"""Fixtures shared by every app's tests."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from io import StringIO
from typing import Any

import pytest
import time_machine
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.utils import translation
from hypothesis import HealthCheck, settings

from levelfield.lib.testing.world import World, world_build

# Property tests check what holds, not how fast examples come: on a busy machine (two
# cores shared with the browser tests) generating them can trip Hypothesis's too_slow
# health check, which would fail a correct test. No deadline, for the same reason.
settings.register_profile(
    "levelfield", suppress_health_check=[HealthCheck.too_slow], deadline=None
)
settings.load_profile("levelfield")

# A Wednesday morning in London, far from midnight and from a change of the clocks, so a
# test that plans "next week at 10:00" means the same thing whenever the suite runs.
CLOCK_START = datetime.datetime(2026, 6, 10, 9, 0, tzinfo=datetime.UTC)


@pytest.fixture
def clock() -> Iterator[time_machine.Coordinates]:
    """Pin now to `CLOCK_START` for a test that depends on now; it ticks on from there.

    Move it with `clock.move_to(when)` or `clock.shift(datetime.timedelta(days=1))`. The one
    way tests fix the time: never depend on the time of day or the date the suite runs on.
    """
    with time_machine.travel(CLOCK_START, tick=True) as traveller:
        yield traveller


@pytest.fixture(autouse=True)
def _test_email_backend(settings: object) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture(autouse=True)
def _site_language_after_each_test() -> Iterator[None]:
    """A page asked for in Welsh leaves Welsh active in the thread (LocaleMiddleware
    activates, nothing deactivates); the next test starts in the site's language."""
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _empty_cache() -> Iterator[None]:
    """allauth keeps email cool-downs and rate limits in the cache; start each test clean."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def world(db: None) -> World:
    """The one test world (levelfield/lib/testing/world.py): Riverside collective with a
    project and the Allies Group, and a person in each role."""
    return world_build()


@pytest.fixture(scope="module")
def demo(django_db_setup: None, django_db_blocker: Any) -> Iterator[None]:
    """The demo (`manage.py load_demo`), loaded once for a module's tests: loading it takes
    seconds, so a module's tests share one load. It is loaded inside a transaction rolled
    back after the module; each test's own transaction nests inside it, so what one test
    changes (an erased person, a second load) the next never sees. Use with `db`."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", stdout=StringIO())
        yield
        transaction.set_rollback(True)
