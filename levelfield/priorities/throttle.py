"""A light rate limit for the public surveys: no CAPTCHA (they shut out disabled
people), just a cap on answers from one network address in an hour, kept in Django's
cache (shared between processes when production configures a shared cache). The
address is hashed with the secret key and never stored in the database.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

WINDOW_SECONDS = 60 * 60
# A family or a ward computer may answer several times; a script answers hundreds.
MAX_PER_WINDOW = 20


def _key(request: HttpRequest, scope: str) -> str:
    address = request.META.get("REMOTE_ADDR", "")
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{address}".encode()).hexdigest()[:32]
    return f"priorities:throttle:{scope}:{digest}"


def too_many(request: HttpRequest, scope: str) -> bool:
    """Whether this address has already sent `MAX_PER_WINDOW` answers in the window."""
    return (cache.get(_key(request, scope)) or 0) >= MAX_PER_WINDOW


def count(request: HttpRequest, scope: str) -> None:
    key = _key(request, scope)
    if cache.add(key, 1, WINDOW_SECONDS):
        return
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, 1, WINDOW_SECONDS)
