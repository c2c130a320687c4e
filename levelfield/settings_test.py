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

# Before the settings are read: they derive cookies, hashing and tasks from it.
os.environ["LEVELFIELD_TESTING"] = "true"

from levelfield.settings import *  # noqa: E402, F403

# Uploads made by tests (receipts, review documents, resource files) go to a folder of
# their own for each test process, never into the project's media folder.
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="levelfield-test-media-"))
