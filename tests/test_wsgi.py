"""The application gunicorn serves sets aside what its worker keeps for good, so Python's
garbage collector stops searching it (levelfield/wsgi.py)."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from typing import Any
from wsgiref.util import setup_testing_defaults

import pytest
from django.core.signals import request_finished, request_started
from django.db import close_old_connections

from levelfield import wsgi


@pytest.fixture
def nothing_frozen() -> Iterator[None]:
    gc.unfreeze()
    yield
    gc.unfreeze()  # the rest of the test process as it was


def _request(application: Callable[..., Any], path: str = "/health/") -> tuple[str, bytes]:
    """One request as gunicorn makes it, without Django's closing of database connections
    at a request's start and end (as Django's test client does: the test's transaction
    holds the connection)."""
    environ: dict[str, Any] = {"PATH_INFO": path, "HTTP_HOST": "testserver"}
    setup_testing_defaults(environ)
    status: list[str] = []
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        result = application(environ, lambda given, headers, *_: status.append(given))
        try:
            body = b"".join(result)
        finally:
            if hasattr(result, "close"):
                result.close()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    return status[0], body


def test_a_worker_freezes_what_it_keeps_after_the_requests_it_is_told(
    nothing_frozen: None,
) -> None:
    def inner(environ: dict[str, Any], start_response: Callable[..., Any]) -> list[bytes]:
        start_response("200 OK", [])
        return [b"ok"]

    # The served application freezes after its 1st, 10th, 100th and 1,000th request; each
    # freeze collects first (up to 2 s in a test process), so this one after its 1st and 3rd.
    assert sorted(wsgi.FREEZE_AFTER_REQUESTS) == [1, 10, 100, 1_000]
    application = wsgi.LongLivedObjectsFrozen(inner, freeze_after=frozenset({1, 3}))
    assert _request(application) == ("200 OK", b"ok")
    after_first = gc.get_freeze_count()
    assert after_first > 0
    kept = [[] for _ in range(500)]  # what a later request builds and the worker keeps
    assert _request(application) == ("200 OK", b"ok")
    assert gc.get_freeze_count() == after_first  # not after the 2nd
    assert _request(application) == ("200 OK", b"ok")
    assert gc.get_freeze_count() >= after_first + len(kept)  # the 3rd: kept now frozen
    assert _request(application) == ("200 OK", b"ok")
    assert application.served == 4


@pytest.mark.django_db
def test_the_served_application_answers_through_it(nothing_frozen: None) -> None:
    assert isinstance(wsgi.application, wsgi.LongLivedObjectsFrozen)
    before = wsgi.application.served
    status, _body = _request(wsgi.application)
    assert status.startswith("200")
    assert wsgi.application.served == before + 1
