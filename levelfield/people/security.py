"""How django-axes recognises which account a failed sign-in was for."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

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
