"""Sign-in protection: how django-axes recognises which account a failed sign-in was
for, clearing an account's failures, and how long sign-in records are kept."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone

from levelfield.people.models import User


def axes_username(request: HttpRequest | None, credentials: dict[str, Any] | None) -> str | None:
    """The email address someone tried to sign in with, in lower case.

    allauth authenticates with `email=...`, not axes' expected field, so without this
    axes sees no username and locks out everyone sharing an internet address (a whole
    office or care home) after one person's mistakes.
    """
    credentials = credentials or {}
    value = credentials.get("email") or credentials.get("login") or credentials.get("username")
    if not value and request is not None:
        value = getattr(request, "POST", {}).get("login")
    return str(value).strip().lower() if value else None


def login_failures_clear(*, user: User) -> None:
    """Forget failed sign-ins for every email address of `user`, from every address
    (axes keys failures on the lower-cased email the person typed)."""
    from allauth.account.models import EmailAddress
    from axes.models import AccessAttempt

    emails = {user.email.lower()} | {
        email.lower()
        for email in EmailAddress.objects.filter(user=user).values_list("email", flat=True)
    }
    AccessAttempt.objects.filter(username__in=emails).delete()


def sign_in_records_prune(*, now: datetime | None = None) -> dict[str, int]:
    """Delete sign-in records past their retention (settings.SIGN_IN_RECORD_DAYS): every
    sign-in's address, browser and email (axes' access log), failed sign-ins, and
    counts of failures whose pause has long ended. Idempotent; returns what went."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    now = now or timezone.now()
    before = now - timedelta(days=settings.SIGN_IN_RECORD_DAYS)
    return {
        "sign-ins": AccessLog.objects.filter(attempt_time__lt=before).delete()[0],
        "failed sign-ins": AccessFailureLog.objects.filter(attempt_time__lt=before).delete()[0],
        "failure counts": AccessAttempt.objects.filter(attempt_time__lt=before).delete()[0],
    }
