"""Inviting people to a project by email, by shareable link, and answering an invitation."""

from __future__ import annotations

import re
from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import timedelta
from smtplib import SMTPException

import pytest
from django.core.mail.backends.locmem import EmailBackend
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from levelfield.history.models import Change
from levelfield.invitations.models import Invitation
from levelfield.invitations.tests.factories import ProjectInvitationFactory
from levelfield.notifications.models import Notification, Status
from levelfield.notifications.services import MAX_ATTEMPTS
from levelfield.people.models import User
from levelfield.people.tests.factories import UserFactory
from levelfield.places.models import PlaceMembership
from levelfield.projects.models import Project
from levelfield.projects.tests.pages import error_summary_links, text


def _invite(client: Client, project: Project, **data: str) -> object:
    return client.post(
        reverse("projects:invite", args=[project.pk]),
        {"form": "email", "email-days": "14", **data},
    )


def _accept_url(invitation: Invitation) -> str:
    return reverse("invitations:accept", args=[invitation.token])


# Inviting by email


def test_a_member_invites_someone_by_email_and_they_accept(
    client: Client,
    project: Project,
    member: User,
    mailoutbox: list,
    django_capture_on_commit_callbacks: Callable[..., AbstractContextManager],
) -> None:
    client.force_login(member)

    with django_capture_on_commit_callbacks(execute=True):
        response = _invite(
            client,
            project,
            **{"email-emails": "Sam@Example.org", "email-message": "We need your view on this."},
        )

    assert response.status_code == 302
    assert response["Location"] == reverse("projects:invitations", args=[project.pk])
    invitation = Invitation.objects.get()
    assert invitation.email == "sam@example.org"
    assert invitation.invited_by == member
    assert invitation.status == "pending"
    assert len(mailoutbox) == 1
    email = mailoutbox[0]
    assert email.to == ["sam@example.org"]
    assert (
        email.subject
        == "Levelfield: Mo invited you to join the project “Living well after a stroke”"
    )
    link = re.search(r"http://testserver/invitations/[^/\s]+/", email.body).group(0)
    assert "We need your view on this." in email.body
    invited = Change.objects.get(project=project, action="invited")
    assert invited.actor == member and invited.after["email"] == "sam@example.org"

    sam = UserFactory(email="sam@example.org", display_name="Sam")
    client.force_login(sam)
    page = client.get(link)
    accepted = client.post(f"{link}accept/")

    assert page.status_code == 200
    words = text(page.content.decode())
    assert "Join “Living well after a stroke”" in words
    assert "Mo invited you to join this research project" in words
    assert "We need your view on this." in words
    assert accepted.status_code == 302
    assert accepted["Location"] == reverse("projects:detail", args=[project.pk])
    assert PlaceMembership.objects.of_project(project).filter(person=sam).exists()
    # A project invitation does not make anyone a member of the collective.
    assert not PlaceMembership.objects.in_collectives().filter(person=sam).exists()
    invitation.refresh_from_db()
    assert invitation.status == "accepted" and invitation.accepted_by == sam
    joined = Change.objects.get(project=project, action="member_joined")
    assert joined.actor == sam
    assert joined.summary == (
        "Sam joined the project by accepting the invitation sent to sam@example.org"
    )
    assert client.get(reverse("projects:detail", args=[project.pk])).status_code == 200


def test_several_addresses_at_once_skip_people_already_in_the_project(
    client: Client,
    project: Project,
    member: User,
    project_coordinator: User,
    mailoutbox: list,
    django_capture_on_commit_callbacks: Callable[..., AbstractContextManager],
) -> None:
    client.force_login(member)

    with django_capture_on_commit_callbacks(execute=True):
        response = _invite(
            client,
            project,
            **{"email-emails": "a@example.org,\nb@example.org; amara@example.org a@example.org"},
        )

    assert sorted(Invitation.objects.values_list("email", flat=True)) == [
        "a@example.org",
        "b@example.org",
    ]
    assert sorted(message.to[0] for message in mailoutbox) == ["a@example.org", "b@example.org"]
    follow = text(client.get(response["Location"]).content.decode())
    assert "We sent 2 invitations: a@example.org, b@example.org." in follow
    assert "Already a member, so not invited: amara@example.org." in follow


@pytest.mark.parametrize(
    ("emails", "days", "message", "target"),
    [
        ("", "14", "Enter at least one email address", "#id_email-emails"),
        (
            "sam@example.org, not-an-address",
            "14",
            "“not-an-address” is not an email address. Enter addresses like name@example.org",
            "#id_email-emails",
        ),
        (
            "sam@example.org",
            "5",
            "Select a valid choice. 5 is not one of the available choices.",
            "#id_email-days_0",
        ),
    ],
)
def test_a_bad_invitation_form_says_what_to_fix_and_sends_nothing(
    client: Client,
    project: Project,
    member: User,
    mailoutbox: list,
    emails: str,
    days: str,
    message: str,
    target: str,
) -> None:
    client.force_login(member)

    response = _invite(client, project, **{"email-emails": emails, "email-days": days})

    assert response.status_code == 200
    assert error_summary_links(response.content.decode()) == {message: target}
    assert not Invitation.objects.exists()
    assert mailoutbox == []


@pytest.mark.parametrize("days", [7, 14, 30])
def test_the_inviter_chooses_how_long_an_invitation_works(
    client: Client, project: Project, member: User, days: int
) -> None:
    client.force_login(member)

    _invite(client, project, **{"email-emails": "sam@example.org", "email-days": str(days)})

    invitation = Invitation.objects.get()
    assert abs(invitation.expires_at - (timezone.now() + timedelta(days=days))) < timedelta(
        minutes=1
    )


def test_when_the_mail_server_fails_the_invitation_is_kept_and_the_email_given_up_loudly(
    client: Client,
    project: Project,
    member: User,
    mailoutbox: list,
    monkeypatch: pytest.MonkeyPatch,
    django_capture_on_commit_callbacks: Callable[..., AbstractContextManager],
    caplog: pytest.LogCaptureFixture,
) -> None:
    def refuse(self: EmailBackend, messages: list) -> int:
        raise SMTPException("mail server down")

    monkeypatch.setattr(EmailBackend, "send_messages", refuse)
    client.force_login(member)

    with django_capture_on_commit_callbacks(execute=True):
        response = _invite(client, project, **{"email-emails": "sam@example.org"})

    assert Invitation.objects.get().email == "sam@example.org"
    assert mailoutbox == []
    notification = Notification.objects.get(kind="invitation")
    assert notification.status == Status.FAILED
    assert notification.attempts == MAX_ATTEMPTS
    assert any("Gave up" in record.getMessage() for record in caplog.records)
    # The invitation stays on the list, where it can be withdrawn and a link shared.
    follow = text(client.get(response["Location"]).content.decode())
    assert "sam@example.org" in follow


# Shareable links


def test_a_member_shares_a_link_that_several_people_use_to_join(
    client: Client, project: Project, member: User, coordinator: User
) -> None:
    client.force_login(member)

    created = client.post(
        reverse("projects:invite", args=[project.pk]), {"form": "link", "link-days": "7"}
    )

    link = Invitation.objects.get()
    assert link.is_link and link.invited_by == member
    listing = client.get(created["Location"]).content.decode()
    url = re.search(r'value="(http://testserver/invitations/[^"]+/)"', listing).group(1)
    assert "This is the only time we show it." in text(listing)
    assert Change.objects.filter(project=project, action="link_created").exists()

    joiners = [UserFactory(display_name=name) for name in ("Ana", "Bo")]
    for person in joiners:
        client.force_login(person)
        assert client.get(url).status_code == 200
        client.post(f"{url}accept/")

    # Cora and Mo were in it already.
    assert {m.person for m in project.place.memberships.all()} == {coordinator, member, *joiners}
    link.refresh_from_db()
    assert link.times_used == 2
    assert link.status == "pending"


def test_a_bad_link_form_shows_an_error(client: Client, project: Project, member: User) -> None:
    client.force_login(member)

    response = client.post(
        reverse("projects:invite", args=[project.pk]), {"form": "link", "link-days": "365"}
    )

    assert error_summary_links(response.content.decode()) == {
        "Select a valid choice. 365 is not one of the available choices.": "#id_link-days_0"
    }
    assert not Invitation.objects.exists()


def test_a_member_opening_a_link_to_their_own_project_is_told_they_are_in(
    client: Client, project: Project, member: User
) -> None:
    link = ProjectInvitationFactory(project=project, email="")
    client.force_login(member)

    page = client.get(reverse("invitations:join", args=[link.token])).content.decode()
    client.post(_accept_url(link))

    assert "You are already a member of the project “Living well after a stroke”" in page
    assert PlaceMembership.objects.of_project(project).filter(person=member).count() == 1
    link.refresh_from_db()
    assert link.times_used == 0
    assert not Change.objects.filter(action="member_joined").exists()


# Withdrawing and listing


def test_a_member_withdraws_an_invitation_and_its_link_stops_working(
    client: Client, project: Project, member: User, project_coordinator: User
) -> None:
    invitation = ProjectInvitationFactory(project=project, email="sam@example.org")
    client.force_login(project_coordinator)

    response = client.post(
        reverse("projects:invitation_withdraw", args=[project.pk, invitation.pk])
    )

    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.status == "withdrawn"
    change = Change.objects.get(action="invitation_withdrawn")
    assert change.actor == project_coordinator
    assert change.before == {"status": "pending"} and change.after == {"status": "withdrawn"}

    sam = UserFactory(email="sam@example.org")
    client.force_login(sam)
    page = client.get(reverse("invitations:join", args=[invitation.token]))
    accept = client.post(_accept_url(invitation))
    assert page.status_code == accept.status_code == 410
    assert "This invitation has been withdrawn" in page.content.decode()
    assert not PlaceMembership.objects.in_projects().filter(person=sam).exists()


def test_an_invitation_already_used_cannot_be_withdrawn(
    client: Client, project: Project, member: User
) -> None:
    invitation = ProjectInvitationFactory(project=project, accepted_at=timezone.now())
    client.force_login(member)
    changes_before = Change.objects.count()  # the world's own

    response = client.post(
        reverse("projects:invitation_withdraw", args=[project.pk, invitation.pk]), follow=True
    )

    assert "That invitation could no longer be used, so nothing changed." in text(
        response.content.decode()
    )
    invitation.refresh_from_db()
    assert invitation.revoked_at is None
    assert Change.objects.count() == changes_before


def test_the_invitations_page_shows_each_invitations_status(
    client: Client, project: Project, member: User
) -> None:
    now = timezone.now()
    ProjectInvitationFactory(project=project, email="waiting@example.org", invited_by=member)
    ProjectInvitationFactory(project=project, email="yes@example.org", accepted_at=now)
    ProjectInvitationFactory(project=project, email="no@example.org", declined_at=now)
    ProjectInvitationFactory(project=project, email="gone@example.org", revoked_at=now)
    ProjectInvitationFactory(
        project=project,
        email="late@example.org",
        created_at=now - timedelta(days=20),
        expires_at=now - timedelta(days=1),
    )
    client.force_login(member)

    words = text(client.get(reverse("projects:invitations", args=[project.pk])).content.decode())

    for email, status in [
        ("waiting", "Pending"),
        ("yes", "Accepted"),
        ("no", "Declined"),
        ("gone", "Withdrawn"),
        ("late", "Expired"),
    ]:
        assert re.search(rf"{email}@example.org .*?{status}", words), email
    assert words.count("Withdraw the invitation to") == 1


# Answering an invitation


def test_someone_not_signed_in_sees_the_invitation_and_is_asked_to_sign_in(
    client: Client, project: Project, member: User
) -> None:
    invitation = ProjectInvitationFactory(project=project, invited_by=member)
    url = reverse("invitations:join", args=[invitation.token])

    page = client.get(url)
    accept = client.post(_accept_url(invitation))

    html = page.content.decode()
    assert page.status_code == 200
    assert "Living well after a stroke" in html and "Mo invited you" in html
    assert f'href="{reverse("account_login")}?next=/invitations/{invitation.token}/"' in (html)
    assert f'href="{reverse("account_signup")}?next=' in html
    assert "Accept and join" not in html
    assert accept.status_code == 302
    assert accept["Location"].startswith(reverse("account_login"))
    assert PlaceMembership.objects.of_project(project).count() == 2  # Cora and Mo, no more


def test_someone_declines_and_nothing_else_happens(
    client: Client, project: Project, member: User
) -> None:
    invitation = ProjectInvitationFactory(project=project, email="sam@example.org")
    sam = UserFactory(email="sam@example.org", display_name="Sam")
    client.force_login(sam)

    response = client.post(reverse("invitations:decline", args=[invitation.token]))

    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.status == "declined"
    assert not PlaceMembership.objects.in_projects().filter(person=sam).exists()
    assert Change.objects.get(action="invitation_declined").actor == sam
    again = client.post(_accept_url(invitation))
    assert again.status_code == 410
    assert "This invitation has already been used" in again.content.decode()


@pytest.mark.parametrize(
    ("change", "status", "heading"),
    [
        ({"revoked_at": "now"}, 410, "This invitation has been withdrawn"),
        ({"accepted_at": "now"}, 410, "This invitation has already been used"),
        ({"declined_at": "now"}, 410, "This invitation has already been used"),
        ({"expires_at": "past"}, 410, "This invitation has expired"),
        ({"email": "someone-else@example.org"}, 403, "This invitation is for a different email"),
    ],
)
def test_an_invitation_that_cannot_be_used_says_why(
    client: Client, project: Project, change: dict[str, str], status: int, heading: str
) -> None:
    now = timezone.now()
    values = {
        key: now if value == "now" else now - timedelta(days=1) if value == "past" else value
        for key, value in change.items()
    }
    if "expires_at" in values:
        values["created_at"] = now - timedelta(days=30)
    invitation = ProjectInvitationFactory(
        project=project, **{"email": "sam@example.org", **values}
    )
    sam = UserFactory(email="sam@example.org")
    client.force_login(sam)

    page = client.get(reverse("invitations:join", args=[invitation.token]))
    accept = client.post(_accept_url(invitation))
    decline = client.post(reverse("invitations:decline", args=[invitation.token]))

    assert page.status_code == accept.status_code == decline.status_code == status
    assert heading in page.content.decode()
    assert heading in accept.content.decode()
    assert not PlaceMembership.objects.in_projects().filter(person=sam).exists()


@pytest.mark.parametrize("name", ["join", "accept", "decline"])
def test_an_unknown_invitation_is_not_found(client: Client, outsider: User, name: str) -> None:
    client.force_login(outsider)
    url = reverse(f"invitations:{name}", args=["no-such-token"])
    response = client.get(url) if name == "join" else client.post(url)
    assert response.status_code == 404


def test_an_invitation_sent_to_one_person_cannot_be_used_by_another(
    client: Client, project: Project
) -> None:
    invitation = ProjectInvitationFactory(project=project, email="sam@example.org")
    client.force_login(UserFactory(email="someone@example.org"))

    response = client.post(_accept_url(invitation))

    assert response.status_code == 403
    invitation.refresh_from_db()
    assert invitation.status == "pending"
