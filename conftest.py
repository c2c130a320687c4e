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


class _SharedDemo:
    """The demo, loaded once into a transaction that stays open while tests that use it
    run one after another, and is rolled back before any other test runs.

    Loading the demo takes seconds; the suite's demo tests (one module in each of several
    apps) used to load it once a module. `pytest_collection_modifyitems` below runs them
    together at the end, so each test process loads it once. Each test's own transaction
    nests inside this one, so what one test changes (an erased person, a second load) the
    next never sees; a test that does not ask for the demo never sees it at all.
    """

    def __init__(self, blocker: Any) -> None:
        self.blocker = blocker
        self.atomic: transaction.Atomic | None = None

    def open(self) -> None:
        if self.atomic is not None:
            return
        with self.blocker.unblock():
            self.atomic = transaction.atomic()
            self.atomic.__enter__()
        try:
            with self.blocker.unblock():
                call_command("load_demo", stdout=StringIO())
        except BaseException:
            self.close()
            raise

    def close(self) -> None:
        if self.atomic is None:
            return
        atomic, self.atomic = self.atomic, None
        with self.blocker.unblock():
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


_shared_demo: _SharedDemo | None = None


@pytest.fixture(scope="session")
def _demo_loader(django_db_setup: None, django_db_blocker: Any) -> Iterator[_SharedDemo]:
    global _shared_demo
    _shared_demo = _SharedDemo(django_db_blocker)
    _shared_demo.open()  # now, before the first test's own transaction starts
    yield _shared_demo
    _shared_demo.close()
    _shared_demo = None


@pytest.fixture
def demo(_demo_loader: _SharedDemo) -> None:
    """The demo (`manage.py load_demo`), shared by the tests that ask for it (see
    `_SharedDemo`); what a test changes is rolled back after it. Use with `db`."""
    _demo_loader.open()


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    """Before a test's fixtures: open the shared demo's transaction for a test that asks for
    the demo (before `db` starts the test's own), roll it back for any other."""
    if _shared_demo is None:
        return
    if "demo" in getattr(item, "fixturenames", ()):
        _shared_demo.open()
    else:
        _shared_demo.close()


def pytest_itemcollected(item: pytest.Item) -> None:
    """Keep the tests that ask for the demo on one pytest-xdist worker when the suite runs
    with `--dist loadgroup` (marked as collected, before xdist reads the groups)."""
    if "demo" in getattr(item, "fixturenames", ()):
        item.add_marker(pytest.mark.xdist_group("demo"))


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Run the tests that ask for the demo last and together, so it is loaded once."""
    uses_demo = ["demo" in getattr(item, "fixturenames", ()) for item in items]
    items[:] = [item for item, uses in zip(items, uses_demo, strict=True) if not uses] + [
        item for item, uses in zip(items, uses_demo, strict=True) if uses
    ]
