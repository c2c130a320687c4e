from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager

import pytest

from levelfield.people.models import User
from levelfield.people.tests.factories import UserFactory


@pytest.fixture
def person() -> User:
    return UserFactory(display_name="Amara", email="amara@example.org")


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
