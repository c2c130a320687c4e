"""Preferences: each person chooses per kind; summaries gather the rest; security always goes."""

from __future__ import annotations

from datetime import datetime, timedelta
from io import StringIO
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.urls import reverse

from levelfield.notifications import kinds
from levelfield.notifications.kinds import Frequency
from levelfield.notifications.models import Notification, Preference, Status
from levelfield.notifications.services import (
    notification_send,
    notifications_send_summaries,
    preferences_save,
)

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
# A Wednesday afternoon.
WEDNESDAY = datetime(2026, 11, 4, 15, 0, tzinfo=LONDON)


def _invite(person: object, title: str, at: datetime = WEDNESDAY) -> Notification:
    return notification_send(
        kind="invitation",
        person=person,
        context={
            "invitation": SimpleNamespace(message="Join us.", expires_at=at, email=person.email),
            "inviter": "Cora",
            "place": title,
            "accept_url": "http://127.0.0.1:8000/invitations/a-token/",
        },
        url=f"/projects/{len(title)}/",
        now=at,
    )


def test_someone_who_turned_a_kind_off_sees_it_on_site_but_gets_no_email(
    person, mailoutbox, committed
):
    preferences_save(person=person, frequencies={"invitation": Frequency.OFF})

    with committed():
        notification = _invite(person, "Life after stroke")

    assert mailoutbox == []
    assert notification.status == Status.NOT_EMAILED


def test_security_emails_always_go_straight_away(person, mailoutbox, committed):
    Preference.objects.create(person=person, kind=kinds.ACCOUNT, frequency=Frequency.OFF)

    with committed():
        notification_send(
            kind=kinds.ACCOUNT,
            person=person,
            context={"subject": "Reset your password", "message": "Open this link."},
        )

    assert len(mailoutbox) == 1
    with pytest.raises(ValueError, match="cannot be turned off"):
        preferences_save(person=person, frequencies={kinds.ACCOUNT: Frequency.OFF})


def test_a_daily_summary_gathers_the_days_notices_into_one_email_the_next_morning(
    person, mailoutbox, committed
):
    preferences_save(person=person, frequencies={"invitation": Frequency.DAILY})
    with committed():
        first = _invite(person, "Life after stroke")
        second = _invite(person, "Young carers", at=WEDNESDAY + timedelta(hours=2))
    assert mailoutbox == []
    assert first.status == Status.WAITING_FOR_SUMMARY

    with committed():
        assert notifications_send_summaries(now=WEDNESDAY + timedelta(hours=5)) == 0
    assert mailoutbox == []

    thursday_morning = datetime(2026, 11, 5, 8, 30, tzinfo=LONDON)
    with committed():
        assert notifications_send_summaries(now=thursday_morning) == 1
        assert notifications_send_summaries(now=thursday_morning + timedelta(hours=1)) == 0

    [summary] = mailoutbox
    assert summary.subject == "Levelfield: Your daily summary: 2 new notifications"
    assert summary.body.index("Life after stroke") < summary.body.index("Young carers")
    assert "http://127.0.0.1:8000/projects/17/" in summary.body
    assert summary.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    for notice in (first, second):
        notice.refresh_from_db()
        assert notice.status == Status.IN_SUMMARY


def test_the_hourly_command_sends_nothing_twice(person, mailoutbox, committed):
    preferences_save(person=person, frequencies={"invitation": Frequency.WEEKLY})
    a_week_ago = datetime.now(tz=LONDON) - timedelta(days=8)
    _invite(person, "Life after stroke", at=a_week_ago)

    with committed():
        for _ in range(3):
            call_command("send_digests", stdout=StringIO())

    assert len(mailoutbox) == 1
    assert "weekly summary" in mailoutbox[0].subject
    later = _invite(person, "Young carers", at=datetime.now(tz=LONDON))
    with committed():
        call_command("send_digests", stdout=StringIO())
    assert len(mailoutbox) == 1
    assert Notification.objects.get(pk=later.pk).status == Status.WAITING_FOR_SUMMARY


def test_the_settings_page_shows_each_choice_and_saves_it(client, person):
    client.force_login(person)

    page = client.get(reverse("notifications:settings"))

    html = page.content.decode()
    assert page.status_code == 200
    for kind in kinds.choosable():
        assert str(kind.label) in html
    assert str(kinds.get(kinds.ACCOUNT).label) in html
    choices = {kind.name: Frequency.IMMEDIATELY for kind in kinds.choosable()}
    response = client.post(
        reverse("notifications:settings"), {**choices, "decision_reminder": Frequency.DAILY}
    )
    assert response.status_code == 302
    assert Preference.objects.get(person=person, kind="decision_reminder").frequency == "daily"


def test_a_choice_left_out_shows_the_error_summary_and_saves_nothing(client, person):
    client.force_login(person)

    response = client.post(
        reverse("notifications:settings"), {"invitation": "hourly", "coordinator": "off"}
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in html
    assert 'href="#id_invitation_0"' in html
    assert 'id="id_join_request-error"' in html
    assert not Preference.objects.exists()


def test_visitors_are_asked_to_sign_in(client):
    for name in ("notifications:list", "notifications:settings"):
        response = client.get(reverse(name))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
