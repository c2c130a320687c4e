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
