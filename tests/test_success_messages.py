"""A success message ("Your email choices have been saved.") reaches the page after the
redirect without writing the person's session: it rides in a signed cookie, so neither
the write nor the page that shows it updates the session row (three statements and a
transaction each, on every write people make)."""

from __future__ import annotations

from django.contrib.messages.storage.cookie import CookieStorage
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from levelfield.lib.testing.world import World
from levelfield.notifications import kinds
from levelfield.notifications.kinds import Frequency


def _session_writes(queries: CaptureQueriesContext) -> list[str]:
    return [
        query["sql"]
        for query in queries.captured_queries
        if "django_session" in query["sql"] and not query["sql"].lstrip().startswith("SELECT")
    ]


def test_a_saved_message_shows_once_on_the_next_page_without_writing_the_session(
    world: World,
) -> None:
    client = Client()
    client.force_login(world.member)
    choices = {kind.name: Frequency.IMMEDIATELY for kind in kinds.choosable()}

    # Each request's queries are read before the next request (which empties Django's log).
    with CaptureQueriesContext(connection) as sending:
        response = client.post(reverse("notifications:settings"), choices)
    written_when_sending, sent = _session_writes(sending), len(sending.captured_queries)
    with CaptureQueriesContext(connection) as reading:
        page = client.get(response["Location"])
    written_when_reading = _session_writes(reading)
    again = client.get(response["Location"])

    assert response.status_code == 302
    assert "Your email choices have been saved." in page.content.decode()
    assert "Your email choices have been saved." not in again.content.decode()
    assert sent > 0  # the log was read in time
    assert written_when_sending == []
    assert written_when_reading == []


def test_a_tampered_message_cookie_shows_nothing(world: World) -> None:
    """The cookie is signed: someone who writes their own message into it sees none."""
    client = Client()
    client.force_login(world.member)
    client.cookies[CookieStorage.cookie_name] = (
        '[["__json_message",0,25,"You have been paid 1,000 pounds."]]:forged'
    )

    page = client.get(reverse("notifications:settings"))

    assert page.status_code == 200
    assert "You have been paid" not in page.content.decode()
