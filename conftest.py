"""Fixtures shared by every app's tests."""

from __future__ import annotations

import copy
import datetime
from collections.abc import Callable, Iterator
from io import StringIO
from typing import Any

import pytest
import time_machine
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone, translation
from hypothesis import HealthCheck, settings

from levelfield.collectives.tests.factories import CollectiveMembershipFactory
from levelfield.lib.testing.world import World, world_build
from levelfield.people.models import User
from levelfield.people.tests.factories import UserFactory
from levelfield.places import choosing

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
    A test given the shared world built at the pinned time starts where that building
    ended, as it would had it built the world itself after pinning the clock.
    """
    shared = _shared.get(CLOCKED_WORLD)
    start = shared.value[1] if shared is not None and shared.is_open else CLOCK_START
    with time_machine.travel(start, tick=True) as traveller:
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
def schema_put_back(transactional_db: None) -> Iterator[None]:
    """A data-migration test (`lib/testing/marks.DATA_MIGRATION`) takes the schema back and
    forward; afterwards the other tests need it at the newest migration again.

    On PostgreSQL the test runs inside one transaction that is rolled back at its end:
    PostgreSQL undoes schema changes with the rest, so nothing is migrated forward again
    (that took about a quarter of each test: re-applying every migration that depends on
    the one taken back), and a test that fails half-way cannot leave the schema
    half-migrated for the tests after it. Constraints are checked at once inside it
    (PostgreSQL refuses to alter a table with checks still pending from rows the test
    wrote). Elsewhere (SQLite cannot alter tables inside a transaction with its
    foreign-key checks on) every migration is applied forward afterwards.
    """
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    if connection.vendor != "postgresql":
        try:
            yield
        finally:
            executor = MigrationExecutor(connection)
            executor.migrate(executor.loader.graph.leaf_nodes())
        return
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        yield
        transaction.set_rollback(True)
    executor = MigrationExecutor(connection)
    unapplied = executor.migration_plan(executor.loader.graph.leaf_nodes())
    assert not unapplied, f"the rollback left migrations unapplied: {unapplied}"


_DATABASE_FIXTURES = {
    "db",
    "transactional_db",
    "django_db_reset_sequences",
    "django_db_serialized_rollback",
}


@pytest.fixture(autouse=True)
def _content_types_known(request: pytest.FixtureRequest) -> None:
    """Content types come from Django's per-process cache, always warm in a running server
    but emptied here by any test that flushes the database; warm it before each test that
    uses the database, so a test that counts a page's queries counts the same whichever
    tests its worker ran before."""
    if request.node.get_closest_marker("django_db") is None and not (
        _DATABASE_FIXTURES & set(request.fixturenames)
    ):
        return
    request.getfixturevalue("_django_db_helper")
    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.get_for_models(*apps.get_models())


class _SharedTransaction:
    """What `load` makes, made once in a transaction that stays open while the tests that
    share it run one after another, and rolled back before any other test runs.

    Each test's own transaction nests inside this one (a savepoint), so what one test
    changes the next never sees; a test that does not share it never sees it at all. At
    most one is open at a time: opening one rolls the other back.
    """

    def __init__(self, blocker: Any, load: Callable[[], Any]) -> None:
        self.blocker = blocker
        self.load = load
        self.value: Any = None
        self.atomic: transaction.Atomic | None = None

    @property
    def is_open(self) -> bool:
        return self.atomic is not None

    def open(self) -> None:
        if self.atomic is not None:
            return
        for other in _shared.values():
            if other is not self:
                other.close()
        with self.blocker.unblock():
            self.atomic = transaction.atomic()
            self.atomic.__enter__()
        try:
            with self.blocker.unblock():
                self.value = self.load()
        except BaseException:
            self.close()
            raise

    def close(self) -> None:
        if self.atomic is None:
            return
        atomic, self.atomic, self.value = self.atomic, None, None
        with self.blocker.unblock():
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


# "demo" and "world", once their session fixtures have made them.
_shared: dict[str, _SharedTransaction] = {}


def _load_demo() -> None:
    call_command("load_demo", stdout=StringIO())


@pytest.fixture(scope="session")
def _demo_loader(django_db_setup: None, django_db_blocker: Any) -> Iterator[_SharedTransaction]:
    """The demo, loaded once for the tests that ask for it. Loading it takes seconds; the
    suite's demo tests (one module in each of several apps) used to load it once a module.
    `pytest_collection_modifyitems` below runs them together at the end, so each test
    process loads it once."""
    shared = _shared["demo"] = _SharedTransaction(django_db_blocker, _load_demo)
    shared.open()  # now, before the first test's own transaction starts
    yield shared
    shared.close()
    del _shared["demo"]


@pytest.fixture
def demo(_demo_loader: _SharedTransaction) -> None:
    """The demo (`manage.py load_demo`), shared by the tests that ask for it (see
    `_SharedTransaction`); what a test changes is rolled back after it. Use with `db`."""
    _demo_loader.open()


WORLD, CLOCKED_WORLD = "world", "world at the clock"


def _world_at_the_clock() -> tuple[World, datetime.datetime]:
    """The world as a test that pins the clock before building it gets it: built from
    `CLOCK_START` on; with the time the building ended, where that test's clock starts."""
    with time_machine.travel(CLOCK_START, tick=True):
        built = world_build()
        return built, timezone.now()


@pytest.fixture(scope="session")
def _world_sharer(django_db_setup: None, django_db_blocker: Any) -> Iterator[None]:
    """The world, built once for the tests that can share it (`_world_shared_as`): building
    it for each of some 1,500 tests cost about 45 ms each on SQLite and 90 to 140 on
    PostgreSQL. Two kinds: one built at the real time, one at the pinned clock's."""
    _shared[WORLD] = _SharedTransaction(django_db_blocker, world_build)
    _shared[CLOCKED_WORLD] = _SharedTransaction(django_db_blocker, _world_at_the_clock)
    if _sharing_now in (WORLD, CLOCKED_WORLD):
        _shared[_sharing_now].open()  # now, before the first test's own transaction starts
    yield
    for name in (WORLD, CLOCKED_WORLD):
        _shared.pop(name).close()


@pytest.fixture
def big_places(monkeypatch: pytest.MonkeyPatch) -> None:
    """Treat every place as big, as one of thousands is (the threshold is 50 members):
    forms find members by name instead of listing everyone (places/choosing.py,
    places/member_fields.py). The test world stays small and quick to build."""
    monkeypatch.setattr(choosing, "SMALL_PLACE", 1)


@pytest.fixture
def priya(world: World) -> User:
    """Priya Shah, in the world's collective and nothing else: someone a form in a big
    place does not list until it is asked to find her by name."""
    person = UserFactory(display_name="Priya Shah")
    CollectiveMembershipFactory(collective=world.collective, person=person)
    return person


@pytest.fixture
def world(db: None, _world_sharer: None) -> World:
    """The one test world (levelfield/lib/testing/world.py): Riverside collective with a
    project and the Allies Group, and a person in each role. Tests that can share it get a
    copy of the shared one (their changes to its objects stay theirs, in memory and, by
    their own transaction, in the database); the others build their own."""
    if _shared[WORLD].is_open:
        return copy.deepcopy(_shared[WORLD].value)
    if _shared[CLOCKED_WORLD].is_open:
        return copy.deepcopy(_shared[CLOCKED_WORLD].value[0])
    return world_build()


def _first_set_up(item: pytest.Item, names: set[str]) -> str | None:
    """Which of `names` pytest sets up first for `item`: it sets up `item.fixturenames` in
    order, each fixture's own fixtures before it."""
    definitions = item._fixtureinfo.name2fixturedefs
    seen: set[str] = set()

    def visit(name: str) -> str | None:
        if name in seen:
            return None
        seen.add(name)
        for argument in definitions[name][-1].argnames if name in definitions else ():
            if found := visit(argument):
                return found
        return name if name in names else None

    for name in getattr(item, "fixturenames", ()):
        if found := visit(name):
            return found
    return None


def _world_shared_as(item: pytest.Item) -> str | None:
    """Which shared world a test can use, if any: it asks for this conftest's `world` (not
    a module's own) inside a transaction that is rolled back (not one that commits for real
    connections), and not with the demo. A test that pins the clock before its world is
    built gets the world built at the pinned time."""
    names = getattr(item, "fixturenames", ())
    if "world" not in names or {"demo", "transactional_db", "live_server"} & set(names):
        return None
    definitions = item._fixtureinfo.name2fixturedefs.get("world", ())
    if not definitions or definitions[-1].func.__module__ != __name__:
        return None
    if any(marker.kwargs.get("transaction") for marker in item.iter_markers("django_db")):
        return None
    return CLOCKED_WORLD if _first_set_up(item, {"clock", "world"}) == "clock" else WORLD


_sharing_now: str | None = None


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    """Before a test's fixtures (so before `db` starts the test's own transaction): open
    what the test shares (the demo or a world), roll back what it does not."""
    global _sharing_now
    _sharing_now = "demo" if "demo" in getattr(item, "fixturenames", ()) else None
    _sharing_now = _sharing_now or _world_shared_as(item)
    for name, shared in _shared.items():
        if name != _sharing_now:
            shared.close()
    if _sharing_now in _shared:
        _shared[_sharing_now].open()


def pytest_itemcollected(item: pytest.Item) -> None:
    """Keep the tests that ask for the demo on one pytest-xdist worker when the suite runs
    with `--dist loadgroup` (marked as collected, before xdist reads the groups)."""
    if "demo" in getattr(item, "fixturenames", ()):
        item.add_marker(pytest.mark.xdist_group("demo"))


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Run the tests that read pages on disk first; then the tests that share the world
    together; then those that ask for the demo, last and together, so each test process
    builds the world and loads the demo about once (pytest-xdist hands each process its
    tests in this order)."""

    def turn(item: pytest.Item) -> int:
        # First, the tests that read PostgreSQL's pages as stored: a transaction left open
        # in any database of the server (another process's shared world or demo) keeps a
        # just-deleted row on disk until it ends, so they run before any is opened.
        if item.get_closest_marker("on_disk"):
            return -1
        if "demo" in getattr(item, "fixturenames", ()):
            return 3
        return {None: 0, WORLD: 1, CLOCKED_WORLD: 2}[_world_shared_as(item)]

    items.sort(key=turn)  # stable: the order within each turn stays the collection's
