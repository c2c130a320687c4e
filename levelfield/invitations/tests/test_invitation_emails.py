"""Invitation emails go through the notifications app: queued when the invitation is
saved, with a one-click unsubscribe, and a link that works."""

from __future__ import annotations

import re
from collections.abc import Callable
from contextlib import AbstractContextManager

from django.test import Client
from django.urls import reverse

from levelfield.collectives.models import Collective
from levelfield.invitations.models import Invitation
from levelfield.notifications.models import Notification, Status, Suppression
from levelfield.people.models import User
from levelfield.people.tests.factories import UserFactory
from levelfield.places.models import PlaceMembership

Committed = Callable[..., AbstractContextManager]


def _invite(client: Client, collective: Collective, emails: str) -> object:
    return client.post(
        reverse("collectives:invite", args=[collective.slug]),
        {
            "form": "email",
            "email-emails": emails,
            "email-days": "14",
            "email-message": "Come and help us choose questions.",
        },
    )


def _path(url: str) -> str:
    return re.sub(r"^https?://[^/]+", "", url)


def test_an_invitation_email_has_a_one_click_unsubscribe_and_a_link_that_works(
    client: Client,
    collective: Collective,
    member: User,
    mailoutbox: list,
    django_capture_on_commit_callbacks: Committed,
) -> None:
    client.force_login(member)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        _invite(client, collective, "sam@example.org")
    assert callbacks, "the email is queued only once the invitation is committed"

    [email] = mailoutbox
    assert email.to == ["sam@example.org"]
    assert email.subject == "Levelfield: Mo invited you to join Riverside Co-production Collective"
    assert email.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    unsubscribe = email.extra_headers["List-Unsubscribe"].strip("<>")
    assert "/notifications/unsubscribe/" in unsubscribe
    body = email.body
    assert "Come and help us choose questions." in body
    assert "The link works until" in body
    assert "you can ignore it" in body
    join_url = re.search(r"http://testserver/invitations/[^/\s]+/", body).group(0)
    html, kind = email.alternatives[0]
    assert kind == "text/html"
    assert f'href="{join_url}"' in html
    assert "Come and help us choose questions." in html

    sam = UserFactory(email="sam@example.org", display_name="Sam")
    client.force_login(sam)
    assert "Mo has invited you" in client.get(_path(join_url)).content.decode()
    client.post(f"{_path(join_url)}accept/")
    assert PlaceMembership.objects.of_collective(collective).filter(person=sam).exists()


def test_an_address_that_stopped_invitation_emails_is_invited_without_an_email(
    client: Client,
    collective: Collective,
    member: User,
    mailoutbox: list,
    django_capture_on_commit_callbacks: Committed,
) -> None:
    client.force_login(member)
    with django_capture_on_commit_callbacks(execute=True):
        _invite(client, collective, "sam@example.org")
    unsubscribe = _path(mailoutbox[0].extra_headers["List-Unsubscribe"].strip("<>"))
    Client().post(unsubscribe, {"List-Unsubscribe": "One-Click"})
    assert Suppression.objects.filter(email="sam@example.org", kind="invitation").exists()

    invite_url = reverse("collectives:invite", args=[collective.slug])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            invite_url,
            {"form": "email", "email-emails": "SAM@example.org", "email-days": "7"},
        )

    assert len(mailoutbox) == 1
    assert Invitation.objects.filter(email="sam@example.org").count() == 2


def test_someone_with_an_account_also_sees_the_invitation_among_their_notifications(
    client: Client,
    collective: Collective,
    member: User,
    mailoutbox: list,
    django_capture_on_commit_callbacks: Committed,
) -> None:
    sam = UserFactory(email="sam@example.org", display_name="Sam")
    client.force_login(member)
    with django_capture_on_commit_callbacks(execute=True):
        _invite(client, collective, "sam@example.org")

    notification = Notification.objects.get(kind="invitation")
    invitation = Invitation.objects.get()
    assert notification.person == sam
    assert notification.status == Status.SENT
    assert [message.to for message in mailoutbox] == [["sam@example.org"]]
    # The notice links to the invitation on Sam's own page: no token kept in it.
    assert notification.link == reverse("invitations:join_yours", args=[invitation.pk])
    assert notification.text == "" and notification.html == ""

    client.force_login(sam)
    notices = client.get(reverse("notifications:list")).content.decode()
    assert "Mo invited you to join Riverside Co-production Collective" in notices
    assert client.get(notification.link).status_code == 200


def test_an_unverified_address_is_not_treated_as_that_persons(
    client: Client,
    collective: Collective,
    member: User,
    django_capture_on_commit_callbacks: Committed,
) -> None:
    UserFactory(email="sam@example.org", verified=False)
    client.force_login(member)
    with django_capture_on_commit_callbacks(execute=True):
        _invite(client, collective, "sam@example.org")

    assert Notification.objects.get(kind="invitation").person is None
