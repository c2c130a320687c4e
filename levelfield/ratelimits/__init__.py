"""The one rate limiter: rules declared in settings.RATE_LIMITS, counted in the database.

A rule is a name and its limits, each written as a sentence: "10 per hour per address".
The keys a limit can count per are `account` (a signed-in person), `email` (an address
someone typed), `address` (the client's network address, see `client_address`) and
`collective`. A limit whose key the caller does not give is not counted (a visitor has
no account).

Why the database and not the cache: the database is already shared by every server
process and machine with no extra set-up (SQLite for one machine, PostgreSQL for many),
and an increment under its row lock is exact even when a script sends many requests at
the same moment. Django's cache is per process unless Redis is configured, and a limit
that must hold cannot depend on optional configuration. The cost is one small write
per limited action (sign-up, message, comment), which are rare.

Windows are fixed (a window of an hour starts on the hour), so at most twice a limit
can pass across a window's edge; that is enough to stop floods, which is the aim.
"""

from __future__ import annotations

import hashlib
import ipaddress
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.http import HttpRequest

KINDS = ("account", "email", "address", "collective")
UNITS = {"minute": 60, "hour": 3600, "day": 86400}
_SENTENCE = re.compile(r"^\s*(\d+) per (minute|hour|day) per (\w+)\s*$")


@dataclass(frozen=True)
class Limit:
    count: int
    window: timedelta
    per: str

    @classmethod
    def parse(cls, sentence: str) -> Limit:
        match = _SENTENCE.match(sentence)
        if not match or match.group(3) not in KINDS:
            raise ValueError(
                f"Rate limit {sentence!r} must read like '10 per hour per address' "
                f"(per one of {', '.join(KINDS)})."
            )
        count, unit, per = match.groups()
        return cls(int(count), timedelta(seconds=UNITS[unit]), per)


class RateLimited(Exception):
    """Refused: `limit` of `rule` is used up for this key."""

    def __init__(self, rule: str, limit: Limit) -> None:
        super().__init__(f"{rule}: more than {limit.count} per {limit.window} per {limit.per}")
        self.rule = rule
        self.limit = limit

    @property
    def per(self) -> str:
        return self.limit.per


def rule_limits(rule: str) -> list[Limit]:
    """The limits declared for `rule` (a rule that is not declared is a mistake)."""
    return [Limit.parse(sentence) for sentence in settings.RATE_LIMITS[rule]]


def client_address(request: HttpRequest) -> str:
    """The client's network address, trusting exactly TRUSTED_PROXY_COUNT proxies.

    Each trusted proxy appends the address it was connected from to X-Forwarded-For,
    so the client is the TRUSTED_PROXY_COUNT-th entry from the end; anything before it
    was written by the client and is ignored. With no trusted proxies (the default),
    or a header shorter than that (a request that bypassed the proxies), the address
    is the connection's own, REMOTE_ADDR. Used by axes and allauth too."""
    remote = request.META.get("REMOTE_ADDR", "")
    trusted = settings.TRUSTED_PROXY_COUNT
    if trusted > 0:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= trusted:
            candidate = forwarded[-trusted]
            try:
                return str(ipaddress.ip_address(candidate))
            except ValueError:
                return remote
    return remote


def _key(rule: str, per: str, value: object) -> str:
    text = f"{settings.SECRET_KEY}:ratelimit:{rule}:{per}:{value}"
    return hashlib.sha256(text.encode()).hexdigest()


def _value(per: str, **given: object) -> object | None:
    value = given.get(per)
    if value is None or value == "":
        return None
    if per == "email":
        return str(value).strip().lower()
    if per in ("account", "collective"):
        return getattr(value, "pk", value)
    return value


def rate_limit(
    rule: str,
    *,
    account: object = None,
    email: str | None = None,
    address: str | None = None,
    collective: object = None,
    now: datetime | None = None,
) -> None:
    """Count one action under `rule` for each key given; raise RateLimited naming the
    first limit that this action goes past. Call it inside the transaction that does
    the action, so a rolled-back action is not counted."""
    from django.db import transaction
    from django.db.models import F

    from levelfield.ratelimits.models import Count

    now = now or datetime.now(tz=UTC)
    given = {"account": account, "email": email, "address": address, "collective": collective}
    exceeded: Limit | None = None
    with transaction.atomic():
        for limit in rule_limits(rule):
            value = _value(limit.per, **given)
            if value is None:
                continue
            seconds = int(limit.window.total_seconds())
            start = datetime.fromtimestamp(int(now.timestamp()) // seconds * seconds, tz=UTC)
            row, _ = Count.objects.get_or_create(
                rule=rule,
                key=_key(rule, limit.per, value),
                window_start=start,
                defaults={"expires_at": start + limit.window},
            )
            # The update takes the row's lock until the transaction ends, so the count
            # read back is exact however many servers count at once.
            Count.objects.filter(pk=row.pk).update(count=F("count") + 1)
            count = Count.objects.filter(pk=row.pk).values_list("count", flat=True).get()
            if count > limit.count and exceeded is None:
                exceeded = limit
    if exceeded is not None:
        raise RateLimited(rule, exceeded)


def rate_limits_prune(*, now: datetime | None = None) -> int:
    """Delete the counts of windows that have ended; returns how many."""
    from levelfield.ratelimits.models import Count

    deleted, _ = Count.objects.filter(expires_at__lt=now or datetime.now(tz=UTC)).delete()
    return deleted
