"""Sending: a notification is stored, then emailed once its transaction commits."""

from __future__ import annotations

from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.core import signing
from django.db import transaction

from levelfield.notifications import kinds
from levelfield.notifications.models import Notification, Status
from levelfield.notifications.services import (
    UNSUBSCRIBE_SALT,
    notification_send,
    unsubscribe_read,
    unsubscribe_token,
)

pytestmark = pytest.mark.django_db


def _tell(person: object, **overrides: object) -> Notification | None:
    values = {
        "kind": "coordinator",
        "person": person,
        "context": {
            "asked_by": SimpleNamespace(name="Cora"),
            "place": "Riverside",
            "reason": "",
        },
        "url": "/collectives/leeds/",
    }
    return notification_send(**{**values, **overrides})


def test_a_notification_is_emailed_only_after_the_change_commits(person, mailoutbox, committed):
    with committed():
        notification = _tell(person)
        assert mailoutbox == []

    assert len(mailoutbox) == 1
    email = mailoutbox[0]
    assert email.to == [person.email]
    assert email.subject == (
        "Levelfield: Cora asked you to take on the coordinator job in Riverside"
    )
    assert "Cora asked you to take on the coordinator job in Riverside." in email.body
    html = email.alternatives[0][0]
    assert email.alternatives[0][1] == "text/html"
    assert "<p>Hello Mo,</p>" in html
    assert 'href="http://127.0.0.1:8000/collectives/leeds/"' in html
    notification.refresh_from_db()
    assert notification.status == Status.SENT
    assert notification.sent_at is not None
    assert notification.attempts == 1


def test_nothing_is_emailed_or_kept_when_the_change_is_rolled_back(person, mailoutbox, committed):
    with committed(), pytest.raises(RuntimeError), transaction.atomic():
        _tell(person)
        raise RuntimeError("the change failed")

    assert mailoutbox == []
    assert not Notification.objects.exists()


def test_every_email_but_security_ones_carries_a_one_click_unsubscribe(
    person, mailoutbox, committed
):
    with committed():
        _tell(person)
        notification_send(
            kind=kinds.ACCOUNT,
            person=person,
            context={"subject": "Reset your password", "message": "Secret link"},
        )

    coordinator, account = mailoutbox
    assert coordinator.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    link = coordinator.extra_headers["List-Unsubscribe"]
    assert link.startswith("<http://127.0.0.1:8000/notifications/unsubscribe/")
    assert link.endswith("/>")
    assert link[1:-1] in coordinator.body
    assert "http://127.0.0.1:8000/notifications/settings/" in coordinator.body
    assert "List-Unsubscribe" not in account.extra_headers
    assert "unsubscribe" not in account.body


def test_someone_without_an_account_is_emailed_at_their_address(mailoutbox, committed):
    with committed():
        notification = notification_send(
            kind="invitation",
            email="New.Person@Example.org",
            context={"subject": "You are invited", "message": "Join us."},
        )

    assert notification.person is None
    assert mailoutbox[0].to == ["new.person@example.org"]
    assert "someone used this address on Levelfield" in mailoutbox[0].body


def test_a_kind_missing_from_the_list_is_a_mistake_caught_at_once(person):
    with pytest.raises(kinds.UnknownKind):
        notification_send(kind="newsletter", person=person, context={})


def test_a_decision_reminder_reads_in_plain_english(person, mailoutbox, committed):
    """The reminder the decisions app sends (decisions/services/reminding.py)."""
    from datetime import datetime
    from types import SimpleNamespace
    from zoneinfo import ZoneInfo

    closes = datetime(2026, 11, 3, 17, 0, tzinfo=ZoneInfo("Europe/London"))
    with committed():
        notification_send(
            kind="decision_reminder",
            person=person,
            context={
                "decision": SimpleNamespace(title="Where should we meet?"),
                "place": "Life after stroke",
                "closes_at": closes,
            },
            url="/decisions/7/respond/",
        )

    email = mailoutbox[0]
    assert email.subject == (
        "Levelfield: Reminder: “Where should we meet?” closes Tuesday 3 November"
    )
    assert "Hello Mo," in email.body
    assert "http://127.0.0.1:8000/decisions/7/respond/" in email.body


def test_an_unsubscribe_link_is_the_same_whenever_it_is_made_and_old_links_still_work(
    person, clock
):
    first = unsubscribe_token(kind="coordinator", person=person)
    clock.shift(timedelta(seconds=5))
    assert unsubscribe_token(kind="coordinator", person=person) == first
    assert unsubscribe_read(first).person == person
    old = signing.dumps({"k": "coordinator", "p": person.pk}, salt=UNSUBSCRIBE_SALT, compress=True)
    assert unsubscribe_read(old).person == person
    assert unsubscribe_read(first[:-2] + "xx") is None
