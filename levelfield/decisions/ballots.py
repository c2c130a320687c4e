"""Sealed ballots: how an anonymous answer is kept while voting is open, so that nothing
on the server links it to its author for anyone without the app's secret key.

While an anonymous decision is open, a person's answer (payload and reason) lives only
on their own `Voter` row, as a sealed ballot:

- the JSON is padded to a fixed size bucket, so the ciphertext's length says nothing
  about the answer (1 KiB for ordinary answers; longer reasons take the next power of two);
- it is encrypted with AES-GCM under a key derived (HKDF-SHA256) from SECRET_KEY with a
  purpose string, so the key is used for nothing else;
- the decision id and the person's id are its associated data: a ballot copied to another
  person's row, or another decision, does not open.

Keys rotated into SECRET_KEY_FALLBACKS still open ballots sealed before the rotation.

At closing (services/closing.py) the ballots are opened, shuffled with
`secrets.SystemRandom` and written out as `Response` rows with no person, no time and
random ids in one `bulk_create` (one transaction: one xmin on PostgreSQL; insertion order,
hence rowid and ctid order, is the shuffled order), and the sealed ballots are set to NULL
in the same transaction. From then on even the key cannot link an answer to a person.
"""

from __future__ import annotations

import functools
import json
import os
import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings

PURPOSE = b"levelfield.decisions.sealed-ballot.v1"
VERSION = b"\x01"
NONCE_BYTES = 12
LENGTH_BYTES = 4
BUCKET = 1024


class BallotUnreadable(Exception):
    """A ballot that no current or fallback key opens for this decision and person."""


@dataclass(frozen=True)
class Ballot:
    payload: dict[str, Any]
    reason: str


def ballot_seal(
    *, decision_id: int, person_id: int, payload: dict[str, Any], reason: str
) -> bytes:
    """The answer encrypted for this decision and person, always with the current key."""
    plain = _pad(json.dumps({"payload": payload, "reason": reason}).encode())
    nonce = os.urandom(NONCE_BYTES)
    sealed = AESGCM(_key(settings.SECRET_KEY)).encrypt(
        nonce, plain, _associated(decision_id, person_id)
    )
    return VERSION + nonce + sealed


def ballot_open(*, decision_id: int, person_id: int, sealed: bytes) -> Ballot:
    """The answer inside a sealed ballot; raises BallotUnreadable if it was sealed for
    another decision or person, altered, or sealed under a key no longer configured."""
    sealed = bytes(sealed)
    if sealed[:1] != VERSION:
        raise BallotUnreadable("Unknown ballot format.")
    nonce, body = sealed[1 : 1 + NONCE_BYTES], sealed[1 + NONCE_BYTES :]
    associated = _associated(decision_id, person_id)
    for secret in _secrets():
        try:
            plain = AESGCM(_key(secret)).decrypt(nonce, body, associated)
        except InvalidTag:
            continue
        data = json.loads(_unpad(plain))
        return Ballot(payload=data["payload"], reason=data["reason"])
    raise BallotUnreadable("No key opens this ballot.")


def shuffle(ballots: list[Ballot]) -> None:
    """Put the ballots in an order nobody can predict (the operating system's randomness)."""
    secrets.SystemRandom().shuffle(ballots)


def _secrets() -> Iterator[str]:
    yield settings.SECRET_KEY
    yield from getattr(settings, "SECRET_KEY_FALLBACKS", [])


@functools.lru_cache(maxsize=8)
def _key(secret: str | bytes) -> bytes:
    # Cached per secret: closing opens every ballot of a decision (10,000 in the bench).
    material = secret.encode() if isinstance(secret, str) else secret
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=PURPOSE).derive(material)


def _associated(decision_id: int, person_id: int) -> bytes:
    return f"decision:{decision_id};person:{person_id}".encode()


def _pad(data: bytes) -> bytes:
    """Length prefix, data, zeros up to the bucket: 1 KiB, or the next power of two."""
    needed = LENGTH_BYTES + len(data)
    size = BUCKET
    while size < needed:
        size *= 2
    return len(data).to_bytes(LENGTH_BYTES, "big") + data + b"\0" * (size - needed)


def _unpad(padded: bytes) -> bytes:
    length = int.from_bytes(padded[:LENGTH_BYTES], "big")
    return padded[LENGTH_BYTES : LENGTH_BYTES + length]
