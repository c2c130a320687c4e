"""The one sealing mechanism: a sealed answer opens only for its scope and owner, only
while its scope's key exists, and once the key is destroyed no page on disk holds it."""

from __future__ import annotations

import os

import pytest
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.db import connection, transaction
from django.test import override_settings

from levelfield.collectives.tests.threads import CONCURRENCY_MARKS
from levelfield.sealing import sealed as sealing
from levelfield.sealing.models import SealKey
from levelfield.sealing.tests.pages import (
    key_table_pages_after_rewrite,
    pageinspect_or_skip,
    raw_pages,
)

pytestmark = pytest.mark.django_db


def test_a_sealed_answer_opens_only_for_its_own_scope_and_owner() -> None:
    keys = sealing.keys_for("survey:1", create=True)
    sealed = keys.seal(3, {"age": "35_54"})
    assert keys.open(3, sealed) == {"age": "35_54"}
    with pytest.raises(sealing.Unreadable):
        keys.open(4, sealed)
    other = sealing.keys_for("survey:2", create=True)
    with pytest.raises(sealing.Unreadable):
        other.open(3, sealed)
    with pytest.raises(sealing.Unreadable):
        keys.open(3, sealed[:-1] + bytes([sealed[-1] ^ 1]))


def test_the_database_alone_or_the_secret_key_alone_opens_nothing() -> None:
    keys = sealing.keys_for("event-feedback:1", create=True)
    sealed = keys.seal(9, {"heard": 2})
    with (
        override_settings(SECRET_KEY="someone-else-" + "z" * 50),
        pytest.raises(sealing.Unreadable),
    ):
        sealing.keys_for("event-feedback:1").open(9, sealed)
    assert sealing.keys_for("event-feedback:1").open(9, sealed) == {"heard": 2}


def test_once_the_key_is_destroyed_even_the_secret_key_opens_nothing() -> None:
    keys = sealing.keys_for("checkin:5", create=True)
    sealed = keys.seal(1, {"scores": {"1": 4}})
    sealing.keys_destroy("checkin:5")
    assert not SealKey.objects.filter(scope="checkin:5").exists()
    with pytest.raises(sealing.Unreadable):
        sealing.keys_for("checkin:5").open(1, sealed)
    # The key the answer was sealed with, rebuilt from SECRET_KEY alone, does not open it.
    with pytest.raises(sealing.Unreadable):
        sealing.Keys(scope="checkin:5", secret=b"\0" * 32).open(1, sealed)


def test_sealed_answers_are_padded_so_their_length_says_nothing() -> None:
    keys = sealing.keys_for("survey:3", create=True)
    short = keys.seal(1, {"email": "a@b.example"})
    long = keys.seal(2, {"email": "someone.with.a.long.address@example.org", "region": "X" * 200})
    assert len(short) == len(long)


def test_a_key_rotated_into_the_fallbacks_still_opens_answers_sealed_before() -> None:
    with override_settings(SECRET_KEY="old-key-" + "x" * 50):
        sealed = sealing.keys_for("decision:1", create=True).seal(2, {"a": 1})
    with override_settings(
        SECRET_KEY="new-key-" + "y" * 50, SECRET_KEY_FALLBACKS=["old-key-" + "x" * 50]
    ):
        assert sealing.keys_for("decision:1").open(2, sealed) == {"a": 1}


def test_ballots_sealed_before_per_scope_keys_still_open_with_the_key() -> None:
    """Format 1 (SECRET_KEY only), as open decisions hold them from before this change."""
    plain = sealing._pad(b'{"payload": {"stance": "agree"}, "reason": ""}')
    nonce = os.urandom(sealing.NONCE_BYTES)
    key = sealing._legacy_key(sealing.settings.SECRET_KEY)
    sealed = sealing.LEGACY + nonce + AESGCM(key).encrypt(nonce, plain, b"decision:4;person:7")
    keys = sealing.keys_for("decision:4", legacy_scope="decision:4")
    assert keys.open(7, sealed)["payload"] == {"stance": "agree"}
    with pytest.raises(sealing.Unreadable):
        keys.open(8, sealed)


@pytest.mark.parametrize(
    ("sizes", "split"),
    [([5, 5], True), ([5, 4], False), ([9, 0, 6], True), ([12], False), ([5, 5, 1], False)],
)
def test_groups_are_kept_only_when_every_group_present_is_big_enough(
    sizes: list[int], split: bool
) -> None:
    assert sealing.may_split(sizes) is split


def _on_postgres(test):  # noqa: ANN001, ANN202 - a decorator for the tests below
    for mark in CONCURRENCY_MARKS:
        test = mark(test)
    return test


@pytest.mark.on_disk
@_on_postgres
def test_on_postgresql_a_destroyed_key_is_on_no_page_of_the_key_table() -> None:
    pageinspect_or_skip()
    for number in range(5):
        sealing.keys_for(f"decision:{900 + number}", create=True)
    target = sealing.keys_for("decision:999", create=True).secret
    sealing.keys_for("decision:1000", create=True)
    with transaction.atomic():
        sealing.keys_destroy("decision:999")
    # Deleted, and after the commit rewritten: a plain delete (or VACUUM) would leave it.
    assert target not in key_table_pages_after_rewrite(target)
    assert sealing.keys_for("decision:1000").secret in raw_pages(SealKey._meta.db_table)


@pytest.mark.on_disk
@_on_postgres
def test_on_postgresql_a_plain_delete_leaves_the_key_on_disk_which_is_why_it_is_rewritten() -> (
    None
):
    pageinspect_or_skip()
    sealing.keys_for("decision:1", create=True)  # kept, so VACUUM does not empty the file
    secret = sealing.keys_for("decision:2", create=True).secret
    SealKey.objects.filter(scope="decision:2").delete()
    with connection.cursor() as cursor:
        cursor.execute(f"VACUUM {SealKey._meta.db_table}")
    assert secret in raw_pages(SealKey._meta.db_table), "plain VACUUM keeps the bytes"
    assert sealing.keys_vacuum()
    assert secret not in raw_pages(SealKey._meta.db_table)
