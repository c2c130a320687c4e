"""Delivery: a refused email is logged and tried again; a task run twice sends once."""

from __future__ import annotations

import logging
from io import StringIO

import pytest
from django_tasks import default_task_backend

from levelfield.notifications import services
from levelfield.notifications.models import Notification, Status
from levelfield.notifications.services import notification_deliver, notification_send

pytestmark = pytest.mark.django_db


def _send(person: object) -> Notification:
    return notification_send(
        kind="join_request",
        person=person,
        context={"subject": "Sam asked to join", "message": "Sam asked to join the project."},
    )


def test_a_refused_email_is_logged_and_tried_again_until_it_goes(
    person, mailoutbox, committed, refusing_mail_server, caplog
):
    with caplog.at_level(logging.WARNING, logger="levelfield.notifications"), committed():
        notification = _send(person)

    assert len(mailoutbox) == 1
    notification.refresh_from_db()
    assert notification.status == Status.SENT
    assert notification.attempts == 2
    assert "SMTPServerDisconnected" in notification.last_error
    [warning] = [r for r in caplog.records if r.name == "levelfield.notifications.services"]
    assert warning.levelno == logging.WARNING
    assert "trying again" in warning.getMessage()
    assert warning.exc_info is not None


def test_after_the_last_try_the_email_is_marked_failed_and_logged_as_an_error(
    person, mailoutbox, committed, refusing_mail_server, caplog
):
    refusing_mail_server[0] = services.MAX_ATTEMPTS

    with caplog.at_level(logging.WARNING, logger="levelfield.notifications"), committed():
        notification = _send(person)

    assert mailoutbox == []
    notification.refresh_from_db()
    assert notification.status == Status.FAILED
    assert notification.attempts == services.MAX_ATTEMPTS
    errors = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert len(errors) == 1
    assert "Gave up" in errors[0].getMessage()
    assert errors[0].exc_info is not None


def test_a_backend_that_can_wait_gets_the_retry_with_a_later_start(
    person, mailoutbox, refusing_mail_server, settings, committed
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    notification = _send(person)

    with committed():
        assert notification_deliver(notification_id=notification.pk) is False

    notification.refresh_from_db()
    assert notification.status == Status.QUEUED
    [retry] = default_task_backend.results
    assert list(retry.args) == [notification.pk]
    assert retry.task.run_after == notification.next_attempt_at
    assert notification.next_attempt_at > notification.last_attempt_at


def test_a_delivery_task_that_runs_twice_sends_one_email(person, mailoutbox, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    notification = _send(person)

    assert notification_deliver(notification_id=notification.pk) is True
    assert notification_deliver(notification_id=notification.pk) is False

    assert len(mailoutbox) == 1


def test_an_email_whose_task_was_lost_is_queued_again_by_the_hourly_command(
    person, mailoutbox, settings
):
    from datetime import timedelta

    from django.core.management import call_command
    from django.utils import timezone

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    lost = _send(person)
    Notification.objects.filter(pk=lost.pk).update(
        next_attempt_at=timezone.now() - timedelta(hours=1)
    )
    _send(person)  # just queued: its task is still on its way

    call_command("send_digests", stdout=StringIO())

    assert [result.args[0] for result in default_task_backend.results] == [lost.pk]
