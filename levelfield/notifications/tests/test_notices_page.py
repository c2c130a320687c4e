"""The notifications page: your own notices, newest first, paged, each with its link."""

from __future__ import annotations

from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from levelfield.notifications import kinds
from levelfield.notifications.models import Notification, Status
from levelfield.notifications.services import notification_send
from levelfield.people.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _notify(person: object, asker: str, minutes_ago: int = 0) -> Notification:
    """`asker` asks to join the project "Life after stroke"."""
    join_request = SimpleNamespace(
        status="pending",
        person=SimpleNamespace(name=asker),
        project=SimpleNamespace(title="Life after stroke"),
    )
    return notification_send(
        kind="join_request",
        person=person,
        context={"join_request": join_request},
        url="/projects/3/members/",
        now=timezone.now() - timedelta(minutes=minutes_ago),
    )


def test_a_person_sees_only_their_own_notices_newest_first_with_links(client, person):
    _notify(person, "Sam", minutes_ago=10)
    _notify(person, "Kim", minutes_ago=5)
    _notify(UserFactory(), "Someone else")
    client.force_login(person)

    response = client.get(reverse("notifications:list"))

    html = response.content.decode()
    assert response.status_code == 200
    assert html.index("Kim asks to join") < html.index("Sam asks to join")
    assert 'href="/projects/3/members/"' in html
    assert "Someone else" not in html
    assert "Levelfield: Kim" not in html


def test_the_page_is_paged_and_its_query_count_does_not_grow(client, person):
    client.force_login(person)
    _notify(person, "The first one")
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("notifications:list"))
    for number in range(45):
        _notify(person, f"Notice {number}")

    with CaptureQueriesContext(connection) as many:
        response = client.get(reverse("notifications:list"))

    assert len(many) == len(few)
    assert response.content.decode().count("Notice ") == 20
    assert client.get(reverse("notifications:list") + "?page=3").status_code == 200
    assert client.get(reverse("notifications:list") + "?page=4").status_code == 404


def test_an_account_email_keeps_only_its_subject_once_sent(client, person, committed):
    with committed():
        notification = notification_send(
            kind=kinds.ACCOUNT,
            person=person,
            context={"subject": "Reset your password", "message": "https://x/reset/key-123/"},
        )

    notification.refresh_from_db()
    assert notification.status == Status.SENT
    assert notification.text == notification.html == ""
    client.force_login(person)
    html = client.get(reverse("notifications:list")).content.decode()
    assert "Reset your password" in html
    assert "key-123" not in html
