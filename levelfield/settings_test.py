"""The test suite's settings: production settings in test mode.

pyproject.toml names this module as pytest-django's DJANGO_SETTINGS_MODULE, so test
mode is something the test configuration asks for, never a side effect of which
modules happen to be imported. Other commands that need test mode (`make
migrations-check`, benchmarks) set LEVELFIELD_TESTING=true themselves.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

# Before the settings are read: they derive cookies, hashing and tasks from it.
os.environ["LEVELFIELD_TESTING"] = "true"

from levelfield.settings import *  # noqa: E402, F403

# Uploads made by tests (receipts, review documents, resource files) go to a folder of
# their own for each test process, never into the project's media folder.
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="levelfield-test-media-"))

# With REDIS_URL (CI runs the suite once so), each pytest-xdist worker takes its own Redis
# database: the URL's number plus the worker's (gw0 the URL's own, gw1 the next), so two
# workers never see each other's keys. The root conftest empties it before every test,
# which also flushes what an earlier run left behind.
if REDIS_URL:  # noqa: F405
    _url = urlsplit(REDIS_URL)  # noqa: F405
    _base = int(_url.path.strip("/") or 0)
    _worker = int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw") or 0)
    CACHES["default"]["LOCATION"] = urlunsplit(_url._replace(path=f"/{_base + _worker}"))  # noqa: F405

# A right-to-left language for the layout checks only (Urdu, with no catalogue: the words
# stay English, the page turns right to left), so the page sweeps show that a language
# such as Urdu can follow. Never offered outside the tests.
LAYOUT_TEST_LANGUAGES = [("ur", "اردو (layout test)")]
LANGUAGES = [*LANGUAGES, *LAYOUT_TEST_LANGUAGES]  # noqa: F405

# On SQLite (`make test`, the quick loop) each test process builds its database straight
# from the models instead of replaying every migration: 1 second instead of 35 to 45, nine
# tenths of which went on Django working out each step's model states, not on SQL. The
# schema is the same (`make test` first checks that the migrations match the models), and
# no test relies on rows a migration adds (question sets, topics): a test that needs them
# installs them, as it must after any test that empties the database. The migrations
# themselves still build every test database on PostgreSQL (CI's second run, where the
# data-migration tests run), and LEVELFIELD_MIGRATION_TESTS=1 uses them here too.
if DATABASES["default"]["ENGINE"].endswith("sqlite3") and not os.environ.get(  # noqa: F405
    "LEVELFIELD_MIGRATION_TESTS"
):
    DATABASES["default"].setdefault("TEST", {})["MIGRATE"] = False  # noqa: F405
