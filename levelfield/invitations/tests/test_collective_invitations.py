"""Members invite people by email or with a shareable link, and can withdraw invitations."""

from __future__ import annotations

import re
from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import timedelta

import pytest
from django.core.mail.backends.locmem import EmailBackend
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from levelfield.collectives.models import Collective
from levelfield.history.models import Change
from levelfield.invitations.models import Invitation
from levelfield.invitations.tests.factories import CollectiveInvitationFactory
from levelfield.notifications.models import Notification
from levelfield.people.models import User
from levelfield.people.tests.factories import UserFactory
from levelfield.places.models import PlaceMembership


def _invite(client: Client, collective: Collective, emails: str, **data: str) -> object:
    return client.post(
        reverse("collectives:invite", args=[collective.slug]),
        {"form": "email", "email-emails": emails, "email-days": "14", **data},
    )


def _link_in(body: str) -> str:
    found = re.search(r"http://testserver(/invitations/[^/\s]+/)", body)
    assert found, body
    return found.group(1)


def test_a_member_invites_someone_by_email_and_they_accept(
    client: Client,
    collective: Collective,
    member: User,
    mailoutbox: list,
    django_capture_on_commit_callbacks: Callable[..., AbstractContextManager],
) -> None:
    client.force_login(member)
    with django_capture_on_commit_callbacks(execute=True):
        response = _invite(
            client,
            collective,
            "Sam@Example.org\nkit@example.org",
            **{"email-message": "We would love your view as a carer.", "email-days": "30"},
        )

    assert response.status_code == 302
    assert response.url == reverse("collectives:invitations", args=[collective.slug])
    assert sorted(message.to[0] for message in mailoutbox) == [
        "kit@example.org",
        "sam@example.org",
    ]
    email = next(message for message in mailoutbox if message.to == ["sam@example.org"])
    assert email.subject == "Levelfield: Mo invited you to join Riverside Co-production Collective"
    assert "We would love your view as a carer." in email.body
    assert "Mo has invited you to join Riverside Co-production Collective" in email.body
    invitation = Invitation.objects.get(email="sam@example.org")
    assert invitation.invited_by == member
    assert invitation.expires_at - timezone.now() > timedelta(days=29)
    assert Change.objects.filter(collective=collective, action="invited").count() == 2
    assert "We sent 2 invitations" in client.get(response.url).content.decode()

    sam = UserFactory(email="sam@example.org", display_name="Sam")
    client.force_login(sam)
    join_url = _link_in(email.body)
    page = client.get(join_url).content.decode()
    assert "Mo has invited you to join Riverside Co-production Collective" in page
    assert "We would love your view as a carer." in page

    accepted = client.post(f"{join_url}accept/")

    assert accepted.url == reverse("collectives:detail", args=[collective.slug])
    assert PlaceMembership.objects.of_collective(collective).filter(person=sam).exists()
    invitation.refresh_from_db()
    assert invitation.status == "accepted"
    assert invitation.accepted_by == sam
    joined = Change.objects.get(collective=collective, action="joined", actor=sam)
    assert joined.after == {"member": "Sam", "coordinator": False}
    assert (
        "You joined Riverside Co-production Collective."
        in client.get(accepted.url).content.decode()
    )


@pytest.mark.parametrize(
    ("emails", "bad"),
    [
        ("good@example.org\nbob@", ["bob@"]),
        ("not-an-email", ["not-an-email"]),
        ("a@example.org\n@example.org\nc@@example.org", ["@example.org", "c@@example.org"]),
    ],
)
def test_each_bad_address_is_named_and_nobody_is_invited(
    client: Client,
    collective: Collective,
    member: User,
    mailoutbox: list,
    emails: str,
    bad: list[str],
) -> None:
    client.force_login(member)
    response = _invite(client, collective, emails)
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    for address in bad:
        assert f"“{address}” is not an email address" in html
    assert mailoutbox == []
    assert not Invitation.objects.exists()


def test_an_empty_list_of_addresses_asks_for_one(
    client: Client, collective: Collective, member: User, mailoutbox: list
) -> None:
    client.force_login(member)
    html = _invite(client, collective, "  \n ").content.decode()
    assert "Enter at least one email address" in html
    assert mailoutbox == []


def test_an_expiry_that_is_not_offered_is_refused(
    client: Client, collective: Collective, member: User, mailoutbox: list
) -> None:
    client.force_login(member)
    html = _invite(client, collective, "sam@example.org", **{"email-days": "365"}).content.decode()
    assert "There is a problem" in html
    assert not Invitation.objects.exists()


def test_people_who_are_already_members_are_skipped_with_a_clear_message(
    client: Client,
    collective: Collective,
    member: User,
    coordinator: User,
    mailoutbox: list,
    django_capture_on_commit_callbacks: Callable[..., AbstractContextManager],
) -> None:
    client.force_login(member)
    with django_capture_on_commit_callbacks(execute=True):
        response = _invite(client, collective, f"{coordinator.email.upper()}\nnew@example.org")
    assert [message.to for message in mailoutbox] == [["new@example.org"]]
    html = client.get(response.url).content.decode()
    assert f"Already a member, so not invited: {coordinator.email}." in html
    assert list(Invitation.objects.values_list("email", flat=True)) == ["new@example.org"]


def test_the_same_address_twice_gets_one_invitation(
    client: Client,
    collective: Collective,
    member: User,
    mailoutbox: list,
    django_capture_on_commit_callbacks: Callable[..., AbstractContextManager],
) -> None:
    client.force_login(member)
    with django_capture_on_commit_callbacks(execute=True):
        _invite(client, collective, "sam@example.org\nSAM@example.org, sam@example.org")
    assert len(mailoutbox) == 1
    assert Invitation.objects.count() == 1


def test_an_email_the_mail_server_refuses_is_tried_again_and_the_invitation_kept(
    client: Client,
    collective: Collective,
    member: User,
    mailoutbox: list,
    monkeypatch: pytest.MonkeyPatch,
    django_capture_on_commit_callbacks: Callable[..., AbstractContextManager],
) -> None:
    send = EmailBackend.send_messages
    refusals = [1]

    def refuse_once(self: EmailBackend, messages: list) -> int:
        if refusals[0]:
            refusals[0] -= 1
            raise ConnectionRefusedError("mail server down")
        return send(self, messages)

    monkeypatch.setattr(EmailBackend, "send_messages", refuse_once)
    client.force_login(member)
    with django_capture_on_commit_callbacks(execute=True):
        response = _invite(client, collective, "sam@example.org")

    html = client.get(response.url).content.decode()
    assert "We sent 1 invitation: sam@example.org." in html
    assert "could not" not in html
    assert Invitation.objects.get().status == "pending"
    [email] = mailoutbox
    assert email.to == ["sam@example.org"]
    notification = Notification.objects.get(kind="invitation")
    assert notification.attempts == 2
    assert "ConnectionRefusedError" in notification.last_error


def test_a_member_makes_a_shareable_link_and_two_people_join_with_it(
    client: Client, collective: Collective, member: User, mailoutbox: list
) -> None:
    client.force_login(member)
    response = client.post(
        reverse("collectives:invite", args=[collective.slug]), {"form": "link", "link-days": "7"}
    )
    link = Invitation.objects.get()
    assert link.email == ""
    assert timedelta(days=6) < link.expires_at - timezone.now() <= timedelta(days=7)
    assert mailoutbox == []
    assert Change.objects.filter(collective=collective, action="link_created").exists()
    page = client.get(response.url).content.decode()
    found = re.search(r'value="http://testserver(/invitations/([^"/]+)/)" readonly', page)
    assert found, page
    path, token = found.groups()
    # Shown once: afterwards the list shows the link's status and expiry, not the link.
    assert token not in client.get(response.url).content.decode()

    for name in ("Ana", "Ben"):
        joiner = UserFactory(display_name=name)
        client.force_login(joiner)
        client.post(f"{path}accept/")
        assert PlaceMembership.objects.of_collective(collective).filter(person=joiner).exists()

    link.refresh_from_db()
    assert link.times_used == 2
    assert link.status == "pending"


def test_a_bad_link_expiry_shows_the_invite_page_with_the_problem(
    client: Client, collective: Collective, member: User
) -> None:
    client.force_login(member)
    response = client.post(
        reverse("collectives:invite", args=[collective.slug]),
        {"form": "link", "link-days": "nope"},
    )
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert not Invitation.objects.exists()


def test_any_member_withdraws_an_invitation_and_it_stops_working(
    client: Client, collective: Collective, coordinator: User, member: User
) -> None:
    invitation = CollectiveInvitationFactory(collective=collective, invited_by=coordinator)
    client.force_login(member)

    response = client.post(
        reverse("collectives:invitation_withdraw", args=[collective.slug, invitation.pk])
    )

    invitation.refresh_from_db()
    assert invitation.status == "withdrawn"
    change = Change.objects.get(action="invitation_withdrawn")
    assert (change.actor, change.before, change.after) == (
        member,
        {"status": "pending"},
        {"status": "withdrawn"},
    )
    assert "The invitation is withdrawn" in client.get(response.url).content.decode()
    client.logout()
    gone = client.get(reverse("invitations:join", args=[invitation.token]))
    assert gone.status_code == 410


def test_withdrawing_an_invitation_that_was_already_used_changes_nothing(
    client: Client, collective: Collective, member: User
) -> None:
    invitation = CollectiveInvitationFactory(collective=collective, accepted_at=timezone.now())
    client.force_login(member)
    response = client.post(
        reverse("collectives:invitation_withdraw", args=[collective.slug, invitation.pk])
    )
    invitation.refresh_from_db()
    assert invitation.revoked_at is None
    assert not Change.objects.filter(action="invitation_withdrawn").exists()
    assert "nothing changed" in client.get(response.url).content.decode()


def test_the_invitations_page_shows_every_status(
    client: Client, collective: Collective, member: User
) -> None:
    now = timezone.now()
    CollectiveInvitationFactory(collective=collective, email="pending@example.org")
    CollectiveInvitationFactory(collective=collective, email="yes@example.org", accepted_at=now)
    CollectiveInvitationFactory(collective=collective, email="no@example.org", declined_at=now)
    CollectiveInvitationFactory(collective=collective, email="gone@example.org", revoked_at=now)
    CollectiveInvitationFactory(
        collective=collective,
        email="late@example.org",
        created_at=now - timedelta(days=30),
        expires_at=now - timedelta(days=1),
    )
    CollectiveInvitationFactory(collective=collective, email="", times_used=3)
    client.force_login(member)

    html = client.get(reverse("collectives:invitations", args=[collective.slug])).content.decode()

    for word in ("Pending", "Accepted", "Declined", "Withdrawn", "Expired"):
        assert f">{word}</strong>" in html
    assert "used 3 times" in html
    assert ">Open</strong>" in html  # a link stays open for many people
    assert html.count("Withdraw<span") == 2  # only the pending invitation and link


def test_a_page_of_invitations_past_the_end_is_not_found(
    client: Client, collective: Collective, member: User
) -> None:
    client.force_login(member)
    url = reverse("collectives:invitations", args=[collective.slug])
    assert client.get(url, {"page": "7"}).status_code == 404
    assert client.get(url, {"page": "x"}).status_code == 200
