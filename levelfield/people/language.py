"""Which language Levelfield speaks to a person.

A signed-in person's own choice (their profile's `language`) comes first; with none,
Django's LocaleMiddleware has already chosen from the language cookie or, failing that,
the browser's Accept-Language. Emails use `language_of(recipient)`, since the background
worker sending them has no request to ask.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation


def languages() -> dict[str, str]:
    """Code -> the language's own name ("cy" -> "Cymraeg"), as offered to people."""
    return dict(settings.LANGUAGES)


def language_of(person: object | None) -> str:
    """The language to write to `person` in: theirs when they chose one that is still
    offered, else English (not the language of whoever caused the email). For an address
    with no account (`person` None), the language active now: an invitation is written
    in the language its sender is using."""
    chosen = getattr(person, "language", "") or ""
    if chosen in languages():
        return chosen
    if person is None:
        return translation.get_language() or settings.LANGUAGE_CODE
    return settings.LANGUAGE_CODE


class PersonLanguageMiddleware:
    """Speak a signed-in person's chosen language whatever their browser says."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        chosen = getattr(user, "language", "") if getattr(user, "is_authenticated", False) else ""
        if chosen and chosen in languages() and chosen != translation.get_language():
            translation.activate(chosen)
            request.LANGUAGE_CODE = chosen
        return self.get_response(request)
