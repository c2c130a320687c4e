"""What data migrations share.

On PostgreSQL a migration runs in one transaction, and rows a data step writes leave
their foreign-key checks pending until the end of it (Django makes them DEFERRABLE
INITIALLY DEFERRED); a schema change to the same table after that fails with "cannot
ALTER TABLE ... because it has pending trigger events". `checks_now()` before and after
a data step runs those checks at once, in both directions, so a migration may move data
and then change the table it moved it in.
"""

from __future__ import annotations

from typing import Any

from django.db import migrations


def _run_pending_checks(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")


def checks_now() -> migrations.RunPython:
    """An operation that runs the pending foreign-key checks now (PostgreSQL only)."""
    return migrations.RunPython(_run_pending_checks, _run_pending_checks, elidable=True)
