"""Fixtures shared by every app's tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _test_email_backend(settings: object) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture(autouse=True)
def _empty_cache() -> Iterator[None]:
    """allauth keeps email cool-downs and rate limits in the cache; start each test clean."""
    cache.clear()
    yield
    cache.clear()
