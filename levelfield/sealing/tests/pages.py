"""What a database administrator can read without the app: the rows' own columns (xmin,
ctid) and, with the `pageinspect` extension, the raw pages on disk, old row versions
included. Used by the PostgreSQL tests of every anonymous answer."""

from __future__ import annotations

import time

import pytest
from django.db import DatabaseError, connection, transaction


def pageinspect_or_skip() -> None:
    """Load `pageinspect` (needs a superuser, as the tests' postgres user is) or skip."""
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("CREATE EXTENSION IF NOT EXISTS pageinspect")
    except DatabaseError as error:
        pytest.skip(f"the pageinspect extension is not available: {error}")


def raw_pages(table: str) -> bytes:
    """Every page of a table and of its TOAST table, as stored on disk."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.oid::regclass::text, t.oid::regclass::text FROM pg_class c "
            "LEFT JOIN pg_class t ON t.oid = c.reltoastrelid WHERE c.relname = %s",
            [table],
        )
        names = [name for name in cursor.fetchone() if name]
        found = b""
        for name in names:
            cursor.execute(
                "SELECT get_raw_page(%s, n) FROM generate_series(0, "
                "(pg_relation_size(%s) / current_setting('block_size')::int) - 1) n",
                [name, name],
            )
            found += b"".join(bytes(row[0]) for row in cursor.fetchall())
        return found


def xmins(table: str, where: str = "TRUE", params: list | None = None) -> set[str]:
    """The transactions that wrote a table's live rows (optionally some of them)."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT DISTINCT xmin::text FROM {table} WHERE {where}", params or [])
        return {row[0] for row in cursor.fetchall()}


def all_xmins() -> dict[str, set[str]]:
    """For every table of the app, the transactions that wrote its live rows: what an
    administrator would join on to link one row to another written at the same moment."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() "
            "AND tablename NOT LIKE 'django_%%'"
        )
        tables = [row[0] for row in cursor.fetchall()]
    return {table: xmins(connection.ops.quote_name(table)) for table in tables}


def ctid_order(table: str, column: str, where: str, params: list) -> list:
    """A column's values in the order the rows sit on disk."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {table} WHERE {where} ORDER BY ctid", params)
        return [row[0] for row in cursor.fetchall()]


def key_table_pages_after_rewrite(secret: bytes, tries: int = 150) -> bytes:
    """The key table's pages once `secret` is gone from them, or as they are after
    `tries` rewrites. Closing rewrites the table after its commit, but a transaction open
    anywhere in the database at that moment (another test run's, autovacuum's) keeps a
    just-deleted row until it ends; the due runs rewrite again, as this does. Seen here:
    alone, the first rewrite removes it; beside a busy parallel test run, a few seconds
    of retries were needed, so this waits up to about 30 s."""
    from levelfield.sealing import sealed as sealing
    from levelfield.sealing.models import SealKey

    pages = raw_pages(SealKey._meta.db_table)
    for _ in range(tries):
        if secret not in pages:
            break
        time.sleep(0.2)
        sealing.keys_vacuum()
        pages = raw_pages(SealKey._meta.db_table)
    return pages
