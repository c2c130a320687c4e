"""The one rate limiter: declared rules, counted in the database, keyed on the client's
address as the trusted proxies report it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.core.cache import cache
from django.test import RequestFactory

from levelfield.ratelimits import (
    Limit,
    RateLimited,
    client_address,
    rate_limit,
    rate_limits_prune,
)
from levelfield.ratelimits.models import Count

pytestmark = pytest.mark.django_db
NOON = datetime(2026, 12, 5, 12, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _rules(settings: object) -> None:
    settings.RATE_LIMITS = {"test": ["2 per hour per address", "3 per day per account"]}


def test_a_limit_is_a_sentence() -> None:
    assert Limit.parse("10 per hour per address") == Limit(10, timedelta(hours=1), "address")
    with pytest.raises(ValueError, match="must read like"):
        Limit.parse("10 a fortnight per address")
    with pytest.raises(ValueError):
        Limit.parse("10 per hour per planet")


def test_the_count_is_in_the_database_not_a_process_cache() -> None:
    rate_limit("test", address="203.0.113.7", now=NOON)
    cache.clear()
    rate_limit("test", address="203.0.113.7", now=NOON)
    with pytest.raises(RateLimited) as refused:
        rate_limit("test", address="203.0.113.7", now=NOON)
    assert refused.value.per == "address"
    rate_limit("test", address="203.0.113.8", now=NOON)  # another address is not affected


def test_a_new_window_starts_afresh_and_ended_windows_are_pruned() -> None:
    for _ in range(2):
        rate_limit("test", address="203.0.113.7", now=NOON)
    rate_limit("test", address="203.0.113.7", now=NOON + timedelta(hours=1))
    assert rate_limits_prune(now=NOON + timedelta(hours=1, minutes=1)) == 1
    assert Count.objects.count() == 1


def test_keys_are_never_stored_in_clear() -> None:
    rate_limit("test", address="203.0.113.7", account=42, now=NOON)
    stored = str(list(Count.objects.values()))
    assert "203.0.113.7" not in stored and "'42'" not in stored


def test_a_limit_without_its_key_is_not_counted() -> None:
    for _ in range(3):
        rate_limit("test", account=7, now=NOON)
    with pytest.raises(RateLimited) as refused:
        rate_limit("test", account=7, now=NOON)
    assert refused.value.per == "account"


@pytest.mark.parametrize(
    ("proxies", "remote", "forwarded", "expected"),
    [
        (0, "203.0.113.7", "198.51.100.1", "203.0.113.7"),  # no proxy: the header is a lie
        (1, "10.0.0.2", "198.51.100.1", "198.51.100.1"),
        (1, "10.0.0.2", "6.6.6.6, 198.51.100.1", "198.51.100.1"),  # the client's own prefix
        (2, "10.0.0.2", "6.6.6.6, 198.51.100.1, 10.0.0.9", "198.51.100.1"),
        (2, "10.0.0.2", "198.51.100.1", "10.0.0.2"),  # a request that skipped a proxy
        (1, "10.0.0.2", "not-an-address", "10.0.0.2"),
        (1, "10.0.0.2", "", "10.0.0.2"),
    ],
)
def test_the_client_address_trusts_exactly_the_configured_proxies(
    settings: object, proxies: int, remote: str, forwarded: str, expected: str
) -> None:
    settings.TRUSTED_PROXY_COUNT = proxies
    request = RequestFactory().get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)
    assert client_address(request) == expected
