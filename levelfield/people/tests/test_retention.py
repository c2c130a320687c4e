"""Sign-in records (address, browser, email of every sign-in) are kept for
SIGN_IN_RECORD_DAYS and then deleted by the daily command; rate-limit counts go when
their window ends."""

from __future__ import annotations

from datetime import timedelta

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.core.management import call_command
from django.utils import timezone

from levelfield.ratelimits.models import Count

pytestmark = pytest.mark.django_db


def _log(model: type, days_ago: int, **fields: object) -> None:
    row = model.objects.create(
        username="alex@example.org", ip_address="203.0.113.7", user_agent="Firefox", **fields
    )
    model.objects.filter(pk=row.pk).update(attempt_time=timezone.now() - timedelta(days=days_ago))


def test_old_sign_in_records_are_deleted_and_recent_ones_kept(settings, capsys) -> None:
    settings.SIGN_IN_RECORD_DAYS = 30
    for model in (AccessLog, AccessFailureLog):
        _log(model, 31)
        _log(model, 2)
    _log(AccessAttempt, 31, failures_since_start=3, get_data="", post_data="")
    now = timezone.now()
    Count.objects.create(
        rule="get_involved",
        key="k",
        window_start=now - timedelta(hours=2),
        expires_at=now - timedelta(hours=1),
        count=1,
    )

    call_command("delete_expired_records")
    call_command("delete_expired_records")  # twice is harmless

    assert AccessLog.objects.count() == 1 and AccessFailureLog.objects.count() == 1
    assert not AccessAttempt.objects.exists() and not Count.objects.exists()
    assert "sign-ins: 0" in capsys.readouterr().out.splitlines()[-1]
