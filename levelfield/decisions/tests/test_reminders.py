"""Decision reminders go through the notifications app: stored with the reminder mark,
emailed only once that is committed, never while the decision row is locked, and not
emailed to someone who turned them off (they still see the notice)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import timedelta

import pytest
from django.core.mail.backends.locmem import EmailBackend
from django.db import connection, transaction
from django.db.utils import OperationalError
from django.test import Client
from django.urls import reverse

from levelfield.decisions import services
from levelfield.decisions.models import Decision, Method
from levelfield.decisions.tests.factories import Team, make_team
from levelfield.notifications.kinds import Frequency
from levelfield.notifications.models import Notification, Status
from levelfield.notifications.services import preferences_save

Committed = Callable[..., AbstractContextManager]


def _day_before(decision: Decision) -> object:
    return decision.closes_at - timedelta(hours=20)


@pytest.mark.django_db
def test_a_reminder_is_stored_with_the_mark_and_emailed_only_after_commit_once(
    team: Team, mailoutbox: list, django_capture_on_commit_callbacks: Committed
) -> None:
    decision = team.start(Method.PROPOSAL)

    with django_capture_on_commit_callbacks(execute=True):
        assert services.decision_remind(decision=decision, now=_day_before(decision)) == 4
        # Inside the transaction: the notices exist, no email has gone.
        assert Notification.objects.filter(kind="decision_reminder").count() == 4
        assert mailoutbox == []

    assert sorted(mail.to[0] for mail in mailoutbox) == sorted(p.email for p in team.members)
    assert set(Notification.objects.values_list("status", flat=True)) == {Status.SENT}
    respond = f"/decisions/{decision.pk}/respond/"
    assert all(respond in mail.body for mail in mailoutbox)
    assert all(
        f'href="http://127.0.0.1:8000{respond}"' in mail.alternatives[0][0] for mail in mailoutbox
    )
    assert all("List-Unsubscribe" in mail.extra_headers for mail in mailoutbox)

    with django_capture_on_commit_callbacks(execute=True):
        assert services.decisions_remind_due(now=_day_before(decision) + timedelta(hours=1)) == 0
    assert len(mailoutbox) == 4
    assert Notification.objects.count() == 4


@pytest.mark.django_db
def test_someone_who_turned_reminders_off_gets_no_email_but_sees_the_notice(
    team: Team, mailoutbox: list, client: Client, django_capture_on_commit_callbacks: Committed
) -> None:
    quiet = team.members[2]
    preferences_save(person=quiet, frequencies={"decision_reminder": Frequency.OFF})
    decision = team.start(Method.PROPOSAL)

    with django_capture_on_commit_callbacks(execute=True):
        services.decision_remind(decision=decision, now=_day_before(decision))

    assert quiet.email not in [mail.to[0] for mail in mailoutbox]
    assert len(mailoutbox) == 3
    notice = Notification.objects.get(person=quiet)
    assert notice.status == Status.NOT_EMAILED
    client.force_login(quiet)
    page = client.get(reverse("notifications:list")).content.decode()
    assert f"Reminder: “{decision.title}” closes" in page
    assert f'href="/decisions/{decision.pk}/respond/"' in page
    assert "Not emailed: you turned these emails off" in page


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs PostgreSQL's concurrent connections"
)
def test_no_reminder_email_is_sent_while_the_decision_row_is_locked(
    mailoutbox: list, monkeypatch: pytest.MonkeyPatch
) -> None:
    team = make_team()
    decision = team.start(Method.PROPOSAL)
    send = EmailBackend.send_messages
    lock_was_free: list[bool] = []

    def check_the_lock_then_send(self: EmailBackend, messages: list) -> int:
        lock_was_free.append(_row_lock_is_free(decision.pk))
        return send(self, messages)

    monkeypatch.setattr(EmailBackend, "send_messages", check_the_lock_then_send)

    assert services.decision_remind(decision=decision, now=_day_before(decision)) == 4

    assert len(mailoutbox) == 4
    assert lock_was_free == [True] * 4


def _row_lock_is_free(decision_pk: int) -> bool:
    """Whether another connection can lock the decision row at once (NOWAIT)."""
    free: list[bool] = []

    def try_lock() -> None:
        try:
            with transaction.atomic():
                Decision.objects.select_for_update(nowait=True).get(pk=decision_pk)
            free.append(True)
        except OperationalError:
            free.append(False)
        finally:
            connection.close()

    thread = threading.Thread(target=try_lock)
    thread.start()
    thread.join()
    return free == [True]
