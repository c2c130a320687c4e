"""Marks shared by tests of one kind across apps."""

from __future__ import annotations

import os

import pytest
from django.db import connection

# Data-migration tests take the schema back to before a change and forward again, to
# show what an existing installation's rows become. On SQLite that costs one to two
# minutes each (SQLite rebuilds a whole table for each altered column), half the suite's
# time; what they check matters on PostgreSQL, the production database, where CI's
# second run has them. LEVELFIELD_MIGRATION_TESTS=1 runs them on SQLite as well.
DATA_MIGRATION = [
    pytest.mark.django_db(transaction=True),
    # The schema at the newest migration again afterwards (conftest.py).
    pytest.mark.usefixtures("schema_put_back"),
    pytest.mark.skipif(
        connection.vendor != "postgresql" and not os.environ.get("LEVELFIELD_MIGRATION_TESTS"),
        reason="data migrations are checked on PostgreSQL (CI's second run); "
        "LEVELFIELD_MIGRATION_TESTS=1 runs them here",
    ),
]
