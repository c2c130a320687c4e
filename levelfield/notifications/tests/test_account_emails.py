"""allauth's emails (verification, password reset) go through the same queue as `account`."""

from __future__ import annotations

import pytest
from django.urls import reverse

from levelfield.notifications import kinds
from levelfield.notifications.models import Notification, Status
from levelfield.people.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_password_reset_email_is_queued_sent_and_not_kept(client, mailoutbox, committed):
    person = UserFactory(email="alex@example.org")

    with committed():
        client.post(reverse("account_reset_password"), {"email": "alex@example.org"})

    [email] = mailoutbox
    assert email.subject == "Levelfield: Reset your password"
    assert "/accounts/password/reset/key/" in email.body
    assert "List-Unsubscribe" not in email.extra_headers
    notification = Notification.objects.get()
    assert notification.kind == kinds.ACCOUNT
    assert notification.person == person
    assert notification.status == Status.SENT
    assert notification.text == ""
    assert notification.html == ""


def test_signing_up_sends_the_verification_email_after_the_account_is_saved(
    client, mailoutbox, committed
):
    with committed():
        client.post(
            reverse("account_signup"),
            {
                "display_name": "Sam",
                "email": "sam@example.org",
                "password1": "a-long-and-unusual-passphrase-42",
                "password2": "a-long-and-unusual-passphrase-42",
            },
        )

    assert [email.to for email in mailoutbox] == [["sam@example.org"]]
    notification = Notification.objects.get()
    assert notification.person.email == "sam@example.org"
    assert notification.subject.startswith("Levelfield: Confirm your email address")
