"""One-click unsubscribe (RFC 8058): a signed link per kind, confirmed on the page or
POSTed by the mail client without a CSRF token."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from levelfield.notifications.kinds import Frequency
from levelfield.notifications.models import Notification, Preference, Status, Suppression
from levelfield.notifications.services import (
    notification_send,
    preferences_save,
    unsubscribe_url,
)

pytestmark = pytest.mark.django_db


def _path(url: str) -> str:
    return re.sub(r"^https?://[^/]+", "", url)


def _unsubscribe_link(message: object) -> str:
    return _path(message.extra_headers["List-Unsubscribe"].strip("<>"))


def test_a_mail_client_unsubscribes_a_person_with_one_post_and_no_csrf_token(
    person, mailoutbox, committed
):
    with committed():
        notification_send(
            kind="decision_reminder",
            person=person,
            context={"subject": "Answer soon", "message": "Please answer."},
        )
    link = _unsubscribe_link(mailoutbox[0])
    mail_client = Client(enforce_csrf_checks=True)

    confirm = mail_client.get(link)
    assert confirm.status_code == 200
    assert "Stop emails about reminders about decisions?" in confirm.content.decode()
    assert not Preference.objects.exists()

    response = mail_client.post(link, {"List-Unsubscribe": "One-Click"})

    assert response.status_code == 200
    assert "You will not get these emails any more" in response.content.decode()
    assert Preference.objects.get(person=person, kind="decision_reminder").frequency == "off"
    assert mail_client.post(link, {"List-Unsubscribe": "One-Click"}).status_code == 200
    with committed():
        later = notification_send(
            kind="decision_reminder", person=person, context={"subject": "Again", "message": "."}
        )
    assert len(mailoutbox) == 1
    assert later.status == Status.NOT_EMAILED


def test_a_stranger_who_got_an_invitation_can_stop_the_next_ones(client, mailoutbox, committed):
    with committed():
        notification_send(
            kind="invitation",
            email="stranger@example.org",
            context={"subject": "You are invited", "message": "Join us."},
        )

    client.post(_unsubscribe_link(mailoutbox[0]))

    assert Suppression.objects.filter(email="stranger@example.org", kind="invitation").exists()
    with committed():
        stopped = notification_send(
            kind="invitation",
            email="Stranger@Example.org",
            context={"subject": "You are invited again", "message": "Join us."},
        )
    assert stopped is None
    assert len(mailoutbox) == 1
    assert Notification.objects.count() == 1


def test_leaving_a_summary_stops_every_kind_gathered_in_it(client, person):
    preferences_save(
        person=person,
        frequencies={"invitation": Frequency.DAILY, "join_request": Frequency.DAILY},
    )
    link = _path(unsubscribe_url(kind="daily_summary", person=person))

    page = client.get(link)
    assert "Invitations" in page.content.decode()
    client.post(link)

    chosen = dict(Preference.objects.filter(person=person).values_list("kind", "frequency"))
    assert chosen == {"invitation": "off", "join_request": "off"}


@pytest.mark.parametrize(
    "token",
    ["not-a-token", "eyJrIjoiaW52aXRhdGlvbiIsInAiOjF9:tampered"],
)
def test_a_broken_or_altered_link_gets_a_clear_page_not_an_error(client, person, token):
    for method in (client.get, client.post):
        response = method(f"/notifications/unsubscribe/{token}/")
        assert response.status_code == 404
        assert "This link does not work" in response.content.decode()
    assert not Preference.objects.exists()


def test_security_emails_have_no_unsubscribe_link_that_works(client, person):
    from django.core import signing

    from levelfield.notifications.services import UNSUBSCRIBE_SALT

    token = signing.dumps({"k": "account", "p": person.pk}, salt=UNSUBSCRIBE_SALT, compress=True)

    response = client.post(f"/notifications/unsubscribe/{token}/")

    assert response.status_code == 404
    assert not Preference.objects.exists()
