"""Change codes: how a voter finds their own anonymous response again, and nobody else can
tell whose it is.

When someone answers an anonymous decision they get a random code. The response keeps
only a one-way hash of it, so the stored data says nothing about who gave the response
(the separate `Voter` row says only *that* they answered). The server never stores the
code itself. The voter keeps it in two ways:

- a cookie on the browser they answered with: HttpOnly, limited to the decision's pages,
  gone when voting closes, and signed with a salt naming the person, so somebody else
  signing in on a shared computer cannot use it;
- the code shown once, just after answering, to copy or write down for another device.

A typed code is a bearer code: a person who has also answered the decision and has
someone else's code could see and change that person's answer. So the code is shown only
to the person it belongs to, only once, and the page tells them to keep it to themselves.
The cookie's name contains "key", which Django's error reports hide; the views mark the
typed code as a sensitive POST parameter, so neither reaches an error report or a log.
"""

from __future__ import annotations

import hashlib
import secrets
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from levelfield.decisions.models import Decision, Response

# Long enough to write down, read out or copy; the page shows it once, just after answering.
SHOW_ONCE_SECONDS = 10 * 60


def change_code_new() -> str:
    """A fresh secret for one anonymous response."""
    return secrets.token_urlsafe(32)


def change_code_hash(code: str) -> str:
    """What the response stores: enough to recognise the code, useless to rebuild it.
    A plain SHA-256 is enough because the code is 256 random bits, not a password."""
    return hashlib.sha256(code.encode()).hexdigest()


def change_code_tidy(typed: str) -> str:
    """The code as typed or pasted, without the spaces the page shows it with."""
    return "".join(typed.split())


def change_code_grouped(code: str) -> str:
    """The code in groups of four characters, easier to read and copy by hand."""
    return " ".join(code[start : start + 4] for start in range(0, len(code), 4))


def response_for_code(decision: Decision, code: str) -> Response | None:
    """The response to this decision that the code belongs to, if any."""
    if not code:
        return None
    return Response.objects.filter(
        decision=decision, change_key_hash=change_code_hash(code)
    ).first()


# The cookies


def _cookie_name(decision: Decision, *, fresh: bool = False) -> str:
    return f"change_key_{'new_' if fresh else ''}{decision.pk}"


def _cookie_path(decision: Decision) -> str:
    # "/decisions/12/": sent with that decision's pages only (not with /decisions/123/).
    return reverse("decisions:detail", args=[decision.pk])


def _salt(decision: Decision, person: Any) -> str:
    # Naming the person means a cookie left on a shared computer is ignored for anyone else.
    return f"levelfield.decisions.change_key.{decision.pk}.{person.pk}"


def code_remember(
    response: HttpResponse, *, decision: Decision, person: Any, code: str, fresh: bool = False
) -> None:
    """Keep the code on this browser until voting closes (or, for a `fresh` code, just
    long enough for the page that shows it once)."""
    timing: dict[str, Any] = (
        {"max_age": SHOW_ONCE_SECONDS} if fresh else {"expires": decision.closes_at}
    )
    response.set_signed_cookie(
        _cookie_name(decision, fresh=fresh),
        code,
        salt=_salt(decision, person),
        path=_cookie_path(decision),
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
        **timing,
    )


def code_from_cookie(request: HttpRequest, *, decision: Decision, fresh: bool = False) -> str:
    """The code this browser keeps for the signed-in person, or '' (a cookie signed for
    somebody else, or tampered with, counts as none)."""
    return request.get_signed_cookie(
        _cookie_name(decision, fresh=fresh), default="", salt=_salt(decision, request.user)
    )


def code_forget_fresh(response: HttpResponse, *, decision: Decision) -> None:
    """Drop the copy kept for the show-once page, once it has been shown."""
    response.delete_cookie(
        _cookie_name(decision, fresh=True), path=_cookie_path(decision), samesite="Lax"
    )
