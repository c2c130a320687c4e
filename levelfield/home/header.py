"""The count of what needs a person, shown beside "Home" in every page's header.

Working it out asks every app (a dozen queries), too much for every page, so the count
is the one the person's home page last found, kept for a while in the shared cache
(`lib.cache.keep_latest`). It is dropped as soon as the person changes anything (a POST
that succeeds), so the header never claims something still needs them after they did
it; their home page brings it back. The home page's own lists are kept the same way for
a minute (`services.person_home_lists`) and dropped by the same change.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from levelfield.home.services import person_home_lists_forget
from levelfield.lib import cache

NAME = "home:needs-count"
KEPT_FOR = 15 * 60  # seconds


def needs_count_keep(*, person_id: int, count: int) -> None:
    cache.keep_latest(NAME, (person_id,), count, seconds=KEPT_FOR)


def needs_count(request: HttpRequest) -> dict[str, int | None]:
    """Context processor: the kept count for the person signed in, if any."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"needs_count": cache.latest(NAME, user.pk)}


class ForgetNeedsCountAfterChanges:
    """Drops the person's kept count and home lists after any change they make (see the
    module)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if (
            request.method == "POST"
            and response.status_code < 400
            and user is not None
            and user.is_authenticated
        ):
            cache.forget_latest(NAME, user.pk)
            person_home_lists_forget(person_id=user.pk)
        return response
