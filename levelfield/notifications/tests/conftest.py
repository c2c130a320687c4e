"""Notification tests start from the one test world (levelfield/lib/testing/world.py)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager

import pytest

from levelfield.lib.testing.world import World
from levelfield.people.models import User


@pytest.fixture
def person(world: World) -> User:
    """Who the notices go to: Mo, a member of the one test world's places."""
    return world.member


@pytest.fixture
def committed(
    django_capture_on_commit_callbacks: Callable[..., AbstractContextManager],
) -> Callable[[], AbstractContextManager]:
    """Run what the block queued for after commit, as a real commit would."""

    def block() -> AbstractContextManager:
        return django_capture_on_commit_callbacks(execute=True)

    return block


@pytest.fixture
def refusing_mail_server(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """The mail server refuses the first N emails (set `refusals[0]`), then accepts."""
    from smtplib import SMTPServerDisconnected

    from django.core.mail.backends.locmem import EmailBackend

    refusals = [1]
    send = EmailBackend.send_messages

    def flaky(self: EmailBackend, messages: list) -> int:
        if refusals[0] > 0:
            refusals[0] -= 1
            raise SMTPServerDisconnected("Connection unexpectedly closed")
        return send(self, messages)

    monkeypatch.setattr(EmailBackend, "send_messages", flaky)
    yield refusals
