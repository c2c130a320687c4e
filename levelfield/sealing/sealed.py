"""Sealed, then shuffled: the one way Levelfield keeps an anonymous answer apart from the
person who gave it, on SQLite and on PostgreSQL, against someone who reads the database.

Why not simply store the answer with no person on it? Because the database links rows
by itself: on PostgreSQL every row written in one transaction carries the same `xmin`,
rows inserted one after another sit in order (`ctid`, rowid, serial ids, timestamps),
and old versions of rows stay on disk until VACUUM. An "anonymous" row written in the
same transaction as the person's registration, voter row or history row is theirs.

So an answer is gathered in two steps:

1. **Sealed** while the scope (a decision, a check-in round, an event's feedback, a
   survey) is open: the answer is encrypted and stored on a row that names its owner
   (or holds nothing else). It is padded to a fixed size bucket (1 KiB, or the next power
   of two), so its length says nothing; encrypted with AES-GCM under a key derived
   (HKDF-SHA256) from SECRET_KEY *and* a random secret kept for this scope only
   (`SealKey`); the scope and the owner are its associated data, so a sealed answer
   copied to another row does not open. A reader of the database alone, or of SECRET_KEY
   alone, opens nothing.
2. **Written out** at closing, in one transaction: every sealed answer of the scope is
   opened, the answers are shuffled with the operating system's randomness
   (`secrets.SystemRandom`) and inserted in one `bulk_create` with random ids, no person
   and no time, the sealed copies are wiped, and the scope's secret is deleted
   (`keys_destroy`). One transaction gives every written-out row the same xmin, and the
   insertion order is the shuffled order. After the commit the key table is rewritten
   (`keys_vacuum`: VACUUM FULL on PostgreSQL, whose plain VACUUM leaves deleted bytes in
   the page; `secure_delete` on SQLite), so the old copies of sealed answers still on
   disk can no longer be opened by anyone, even with SECRET_KEY.

What this cannot reach (said in the README's privacy section): backups and WAL
archives taken while the scope was open hold its secret; a transaction open at the
moment of closing keeps the deleted secret visible until it ends (the next
`keys_vacuum`, at the next due run, removes it); the file PostgreSQL replaced stays in
the file system's free space until overwritten.

Ballots sealed before per-scope secrets (format 1: SECRET_KEY only) still open with
the key, as before.
"""

from __future__ import annotations

import functools
import json
import logging
import os
import secrets
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.db import DatabaseError, connection, transaction

from levelfield.sealing.models import SealKey

logger = logging.getLogger(__name__)

LEGACY = b"\x01"  # SECRET_KEY only; opened, never written any more
CURRENT = b"\x02"  # SECRET_KEY and the scope's own secret
LEGACY_PURPOSE = b"levelfield.decisions.sealed-ballot.v1"
PURPOSE = b"levelfield.sealing.v2|"
NONCE_BYTES = 12
LENGTH_BYTES = 4
BUCKET = 1024
SECRET_BYTES = 32
# Rewriting the key table takes its lock for milliseconds; never queue pages behind it.
VACUUM_LOCK_TIMEOUT = "1s"


class TooLong(ValueError):
    """An answer longer than its scope's fixed size: refuse it with a message."""


class Unreadable(Exception):
    """A sealed answer that no key opens for this scope and owner: sealed for another,
    altered, or its scope's secret destroyed at closing."""


@dataclass(frozen=True)
class Keys:
    """What seals and opens the answers of one scope. `secret` is None once destroyed
    (or never made), and then only format-1 answers still open."""

    scope: str
    secret: bytes | None
    legacy_scope: str | None = None

    def seal(self, owner: int | str, data: Any, *, size: int | None = None) -> bytes:
        """`data` (JSON-able) encrypted for this scope and owner, with the current key.
        With `size`, every answer seals to exactly that many bytes (before nonce and tag),
        so even a long comment's length says nothing; more raises TooLong."""
        if self.secret is None:
            raise Unreadable(f"The key of {self.scope} has been destroyed.")
        plain = _pad(json.dumps(data).encode(), size)
        nonce = os.urandom(NONCE_BYTES)
        key = _key(settings.SECRET_KEY, self.secret, self.scope)
        return CURRENT + nonce + AESGCM(key).encrypt(nonce, plain, self._associated(owner))

    def open(self, owner: int | str, sealed: bytes) -> Any:
        """The data inside a sealed answer; raises Unreadable if this scope's keys do not
        open it for this owner."""
        sealed = bytes(sealed)
        version, nonce, body = sealed[:1], sealed[1 : 1 + NONCE_BYTES], sealed[1 + NONCE_BYTES :]
        for key, associated in self._candidates(version, owner):
            try:
                plain = AESGCM(key).decrypt(nonce, body, associated)
            except InvalidTag:
                continue
            return json.loads(_unpad(plain))
        raise Unreadable(f"No key opens this sealed answer of {self.scope}.")

    def _associated(self, owner: int | str) -> bytes:
        return f"{self.scope};owner:{owner}".encode()

    def _candidates(self, version: bytes, owner: int | str) -> Iterator[tuple[bytes, bytes]]:
        if version == CURRENT and self.secret is not None:
            for secret in _secrets():
                yield _key(secret, self.secret, self.scope), self._associated(owner)
        elif version == LEGACY and self.legacy_scope is not None:
            associated = f"{self.legacy_scope};person:{owner}".encode()
            for secret in _secrets():
                yield _legacy_key(secret), associated


def keys_for(scope: str, *, create: bool = False, legacy_scope: str | None = None) -> Keys:
    """The keys of a scope such as "decision:12". With `create`, make its secret if it has
    none (safe when two people seal the first answers at once). Only call `create` while
    the scope is open: a secret made after closing would never be destroyed."""
    secret = _secret_of(scope)
    if secret is None and create:
        SealKey.objects.bulk_create(
            [SealKey(scope=scope, secret=os.urandom(SECRET_BYTES))], ignore_conflicts=True
        )
        secret = _secret_of(scope)
    return Keys(scope=scope, secret=secret, legacy_scope=legacy_scope)


def keys_destroy(scope: str) -> None:
    """Delete a scope's secret, in the caller's transaction, and rewrite the key table once
    it commits, so no copy of the secret stays in the database's pages."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA secure_delete = ON")  # zero the deleted bytes
    SealKey.objects.filter(scope=scope).delete()
    _key.cache_clear()  # nor in this process's memory
    transaction.on_commit(keys_vacuum)


def keys_vacuum() -> bool:
    """Rewrite the key table so deleted secrets are gone from its pages (VACUUM FULL: a
    plain VACUUM leaves their bytes in the page's free space). Outside a transaction
    only; gives up after a second rather than queue behind a long transaction, and the
    next due run tries again. Returns whether it ran."""
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        return False
    table = connection.ops.quote_name(SealKey._meta.db_table)
    try:
        with connection.cursor() as cursor:
            cursor.execute(f"SET lock_timeout = '{VACUUM_LOCK_TIMEOUT}'")
            try:
                cursor.execute(f"VACUUM FULL {table}")
            finally:
                cursor.execute("RESET lock_timeout")
    except DatabaseError:
        logger.warning("The key table could not be rewritten now; the next due run retries.")
        return False
    return True


def shuffle(items: list[Any]) -> None:
    """Put written-out answers in an order nobody can predict."""
    secrets.SystemRandom().shuffle(items)


def may_split(sizes: Iterable[int]) -> bool:
    """Whether anonymous answers may keep a group (a perspective) at all: only when every
    group present has `MINIMUM_ANONYMOUS_GROUP` people and there are two or more. Keeping
    only the big groups would not do: the total minus them gives the small one away, and
    a row marked with a group of one is that person's."""
    present = [size for size in sizes if size > 0]
    return len(present) >= 2 and all(size >= settings.MINIMUM_ANONYMOUS_GROUP for size in present)


def _secret_of(scope: str) -> bytes | None:
    secret = SealKey.objects.filter(scope=scope).values_list("secret", flat=True).first()
    return bytes(secret) if secret is not None else None


def _secrets() -> Iterator[str]:
    yield settings.SECRET_KEY
    yield from getattr(settings, "SECRET_KEY_FALLBACKS", [])


@functools.lru_cache(maxsize=64)
def _key(secret: str | bytes, scope_secret: bytes, scope: str) -> bytes:
    # Cached: closing opens every answer of a scope (10,000 in the bench).
    material = secret.encode() if isinstance(secret, str) else secret
    info = PURPOSE + scope.encode()
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=scope_secret, info=info).derive(
        material
    )


@functools.lru_cache(maxsize=8)
def _legacy_key(secret: str | bytes) -> bytes:
    material = secret.encode() if isinstance(secret, str) else secret
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=LEGACY_PURPOSE).derive(
        material
    )


def _pad(data: bytes, fixed: int | None = None) -> bytes:
    """Length prefix, data, zeros up to the bucket: `fixed`, or 1 KiB or the next power
    of two."""
    needed = LENGTH_BYTES + len(data)
    if fixed is not None and needed > fixed:
        raise TooLong(f"{needed} bytes do not fit in {fixed}.")
    size = fixed or BUCKET
    while size < needed:
        size *= 2
    return len(data).to_bytes(LENGTH_BYTES, "big") + data + b"\0" * (size - needed)


def _unpad(padded: bytes) -> bytes:
    length = int.from_bytes(padded[:LENGTH_BYTES], "big")
    return padded[LENGTH_BYTES : LENGTH_BYTES + length]
