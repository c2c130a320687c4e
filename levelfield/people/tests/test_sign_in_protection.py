"""Guessing passwords is slowed, and nobody can use that to keep the owner out.

Failures count per account AND address together: someone guessing Alex's password
from their own connection pauses only themselves. The owner sharing that connection (a
care home, an office) gets back in through a password reset link, which clears every
failure on the account.
"""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.db.models import F
from django.urls import reverse

from levelfield.people.tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

ATTACKER = "203.0.113.66"
OWNER = "198.51.100.7"
NEW_PASSWORD = "a-long-and-unusual-passphrase-42"


@pytest.fixture(autouse=True)
def _limits_as_in_use(settings: object) -> None:
    """allauth's limits as deployed (tests turn them off elsewhere)."""
    settings.ACCOUNT_RATE_LIMITS = settings.ACCOUNT_RATE_LIMITS_IN_USE


def _sign_in(client: object, password: str, address: str) -> object:
    return client.post(
        reverse("account_login"),
        {"login": "alex@example.org", "password": password},
        REMOTE_ADDR=address,
    )


def _guess(client_class: type, times: int, address: str = ATTACKER) -> None:
    attacker = client_class()
    for attempt in range(times):
        _sign_in(attacker, f"guess-{attempt}", address)


def test_someone_guessing_from_elsewhere_never_keeps_the_owner_out(client, settings) -> None:
    UserFactory(email="alex@example.org")
    _guess(type(client), settings.AXES_FAILURE_LIMIT * 3)

    response = _sign_in(client, PASSWORD, OWNER)

    assert response.status_code == 302
    assert "_auth_user_id" in client.session


def test_guessing_is_slowed_for_that_account_from_that_address(client, settings) -> None:
    UserFactory(email="alex@example.org")
    _guess(type(client), settings.AXES_FAILURE_LIMIT)

    paused = _sign_in(client, PASSWORD, ATTACKER)

    assert paused.status_code == 429
    html = paused.content.decode()
    assert "5 minutes" in html and reverse("account_reset_password") in html
    assert "_auth_user_id" not in client.session


def test_the_pause_ends_after_a_few_minutes(client, settings) -> None:
    UserFactory(email="alex@example.org")
    _guess(type(client), settings.AXES_FAILURE_LIMIT)
    # The failures happened longer ago than the pause lasts.
    AccessAttempt.objects.update(
        attempt_time=F("attempt_time") - settings.AXES_COOLOFF_TIME - timedelta(seconds=1)
    )

    assert _sign_in(client, PASSWORD, ATTACKER).status_code == 302


def test_the_owner_sharing_the_connection_gets_in_through_a_reset_link(
    client, settings, mailoutbox, django_capture_on_commit_callbacks
) -> None:
    person = UserFactory(email="alex@example.org")
    _guess(type(client), settings.AXES_FAILURE_LIMIT + 2, address=OWNER)
    assert _sign_in(client, PASSWORD, OWNER).status_code == 429

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("account_reset_password"), {"email": "alex@example.org"}, REMOTE_ADDR=OWNER
        )
    link = re.search(r"https?://[^/\s]+(/\S+)", mailoutbox[-1].body).group(1)
    form_page = client.get(link, follow=True, REMOTE_ADDR=OWNER)
    client.post(
        form_page.redirect_chain[-1][0] if form_page.redirect_chain else link,
        {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
        REMOTE_ADDR=OWNER,
    )
    client.logout()

    response = _sign_in(client, NEW_PASSWORD, OWNER)

    assert response.status_code == 302
    person.refresh_from_db()
    assert person.check_password(NEW_PASSWORD)


def test_behind_a_proxy_the_attacker_and_the_owner_are_told_apart(client, settings) -> None:
    """Every request comes from the proxy; the client is the address it forwards."""
    settings.TRUSTED_PROXY_COUNT = 1
    UserFactory(email="alex@example.org")
    attacker = type(client)()
    for attempt in range(settings.AXES_FAILURE_LIMIT * 2):
        attacker.post(
            reverse("account_login"),
            {"login": "alex@example.org", "password": f"guess-{attempt}"},
            REMOTE_ADDR="10.0.0.2",
            HTTP_X_FORWARDED_FOR=ATTACKER,
        )

    response = client.post(
        reverse("account_login"),
        {"login": "alex@example.org", "password": PASSWORD},
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR=OWNER,
    )

    assert response.status_code == 302
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {ATTACKER}
