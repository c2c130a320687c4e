"""How django-axes recognises which account a failed sign-in was for."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest


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
