"""Sessions: kept server-side in the database, read with one fixed SQL statement."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from levelfield.lib.sessions import SessionStore
from levelfield.people.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_site_uses_the_database_store() -> None:
    assert settings.SESSION_ENGINE == "levelfield.lib.sessions"


def test_a_signed_in_page_reads_the_session_and_the_person_once_each(
    client: Client, django_assert_num_queries: object
) -> None:
    client.force_login(UserFactory())

    with django_assert_num_queries(3) as queries:  # session, person, notices
        response = client.get(reverse("notifications:list"))

    assert response.status_code == 200
    assert "django_session" in queries.captured_queries[0]["sql"]


def test_a_session_reads_back_what_was_stored() -> None:
    store = SessionStore()
    store["answer"] = 42
    store.save()

    again = SessionStore(store.session_key)

    assert again["answer"] == 42
    assert again.session_key == store.session_key


def test_an_expired_or_unknown_session_is_empty_and_forgotten() -> None:
    store = SessionStore()
    store["answer"] = 42
    store.save()
    Session.objects.filter(session_key=store.session_key).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )

    for key in (store.session_key, "no-such-session-key-0123456789"):
        again = SessionStore(key)
        assert again.load() == {}
        assert again.session_key is None


def test_signing_out_ends_the_session_on_the_server(client: Client) -> None:
    client.force_login(UserFactory())
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert client.get(reverse("people:profile")).status_code == 200

    client.post(reverse("account_logout"))
    replay = Client()
    replay.cookies[settings.SESSION_COOKIE_NAME] = cookie

    assert not Session.objects.filter(session_key=cookie).exists()
    assert replay.get(reverse("people:profile")).status_code == 302
