"""Opening an invitation: accepting, declining, and the clear pages for invitations
that can no longer be used."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from allauth.account.models import EmailAddress
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from levelfield.collectives.models import Collective
from levelfield.history.models import Change
from levelfield.invitations.models import Invitation
from levelfield.invitations.tests.factories import CollectiveInvitationFactory
from levelfield.people.models import User
from levelfield.people.tests.factories import UserFactory
from levelfield.places.models import PlaceMembership


@pytest.fixture
def invitation(collective: Collective, coordinator: User) -> Invitation:
    return CollectiveInvitationFactory(
        collective=collective,
        invited_by=coordinator,
        email="sam@example.org",
        message="Come and help us choose questions.",
    )


def _page(invitation: Invitation) -> str:
    return reverse("invitations:join", args=[invitation.token])


def _accept(client: Client, invitation: Invitation) -> Any:
    return client.post(reverse("invitations:accept", args=[invitation.token]))


def _decline(client: Client, invitation: Invitation) -> Any:
    return client.post(reverse("invitations:decline", args=[invitation.token]))


def _is_member(person: User, collective: Collective) -> bool:
    return PlaceMembership.objects.of_collective(collective).filter(person=person).exists()


def test_someone_not_signed_in_sees_who_invited_them_and_how_to_sign_in(
    client: Client, invitation: Invitation
) -> None:
    response = client.get(_page(invitation))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Cora has invited you to join Riverside Co-production Collective" in html
    next_part = f"?next={_page(invitation)}"
    assert f'href="{reverse("account_login")}{next_part}"' in html
    assert f'href="{reverse("account_signup")}{next_part}"' in html
    # Nothing private before signing in: no message, no description, no address, no buttons.
    assert "Come and help us choose questions." not in html
    assert invitation.collective.description not in html
    assert "sam@example.org" not in html
    assert "Accept and join" not in html


def test_accepting_without_signing_in_leads_to_sign_in_and_back(
    client: Client, invitation: Invitation
) -> None:
    members_before = PlaceMembership.objects.in_collectives().count()  # the world's
    response = _accept(client, invitation)
    assert response.status_code == 302
    assert response.url == f"{reverse('account_login')}?next={_page(invitation)}"
    assert PlaceMembership.objects.in_collectives().count() == members_before  # nobody joined


def test_the_invited_person_declines(client: Client, invitation: Invitation, sam: User) -> None:
    client.force_login(sam)
    response = _decline(client, invitation)
    assert response.url == reverse("home")
    invitation.refresh_from_db()
    assert invitation.status == "declined"
    assert not _is_member(sam, invitation.collective)
    change = Change.objects.get(action="invitation_declined")
    assert change.collective == invitation.collective
    assert change.after == {"status": "declined"}
    again = client.get(_page(invitation))
    assert again.status_code == 410
    assert "This invitation has already been used" in again.content.decode()


def test_declining_a_shared_link_leaves_it_working_for_others(
    client: Client, collective: Collective, sam: User
) -> None:
    link = CollectiveInvitationFactory(collective=collective, email="")
    client.force_login(sam)
    _decline(client, link)
    link.refresh_from_db()
    assert link.status == "pending"
    assert not _is_member(sam, collective)
    assert client.get(_page(link)).status_code == 200


def test_accepting_twice_gives_one_membership_and_one_history_row(
    client: Client, invitation: Invitation, sam: User
) -> None:
    client.force_login(sam)
    first = _accept(client, invitation)
    second = _accept(client, invitation)
    collective = invitation.collective
    assert first.url == second.url == reverse("collectives:detail", args=[collective.slug])
    assert PlaceMembership.objects.of_collective(collective).filter(person=sam).count() == 1
    assert Change.objects.filter(action="joined", actor=sam).count() == 1
    assert "You are already a member" in client.get(second.url).content.decode()


def test_a_member_opening_an_invitation_is_told_they_are_already_in(
    client: Client, invitation: Invitation, member: User
) -> None:
    link = CollectiveInvitationFactory(collective=invitation.collective, email="")
    client.force_login(member)
    page = client.get(_page(link))
    assert page.status_code == 200
    assert (
        "You are already a member of Riverside Co-production Collective" in page.content.decode()
    )
    _accept(client, link)
    link.refresh_from_db()
    assert link.times_used == 0
    assert PlaceMembership.objects.in_collectives().filter(person=member).count() == 1


def test_an_invitation_to_a_verified_second_address_of_yours_works(
    client: Client, invitation: Invitation
) -> None:
    person = UserFactory(email="sam.home@example.org")
    EmailAddress.objects.create(user=person, email="sam@example.org", verified=True)
    client.force_login(person)
    assert client.get(_page(invitation)).status_code == 200
    _accept(client, invitation)
    assert _is_member(person, invitation.collective)


def test_an_unverified_second_address_is_not_enough(
    client: Client, invitation: Invitation
) -> None:
    person = UserFactory(email="sam.home@example.org")
    EmailAddress.objects.create(user=person, email="sam@example.org", verified=False)
    client.force_login(person)
    assert _accept(client, invitation).status_code == 403
    assert not _is_member(person, invitation.collective)


NOW = timezone.now


def _expired() -> dict[str, Any]:
    return {"created_at": NOW() - timedelta(days=20), "expires_at": NOW() - timedelta(days=1)}


PROBLEMS = [
    ("expired", _expired, 410, "This invitation has expired"),
    ("withdrawn", lambda: {"revoked_at": NOW()}, 410, "This invitation has been withdrawn"),
    ("accepted", lambda: {"accepted_at": NOW()}, 410, "This invitation has already been used"),
    ("declined", lambda: {"declined_at": NOW()}, 410, "This invitation has already been used"),
    (
        "other email",
        lambda: {"email": "someone.else@example.org"},
        403,
        "This invitation is for a different email address",
    ),
]


@pytest.mark.parametrize(
    ("state", "make", "status", "heading"), PROBLEMS, ids=[p[0] for p in PROBLEMS]
)
def test_an_invitation_that_cannot_be_used_gets_a_clear_page_and_changes_nothing(
    client: Client,
    collective: Collective,
    coordinator: User,
    sam: User,
    state: str,
    make: Any,
    status: int,
    heading: str,
) -> None:
    invitation = CollectiveInvitationFactory(
        collective=collective, invited_by=coordinator, **{"email": "sam@example.org", **make()}
    )
    before = list(Invitation.objects.values())
    client.force_login(sam)
    for response in (
        client.get(_page(invitation)),
        _accept(client, invitation),
        _decline(client, invitation),
    ):
        html = response.content.decode()
        assert response.status_code == status
        assert heading in html
        assert "Riverside Co-production Collective" in html
    assert not _is_member(sam, collective)
    assert list(Invitation.objects.values()) == before
    assert not Change.objects.filter(actor=sam).exists()


@pytest.mark.parametrize("state", ["expired", "withdrawn", "accepted"])
def test_someone_not_signed_in_also_gets_the_clear_page(
    client: Client, collective: Collective, state: str
) -> None:
    make = {p[0]: p[1] for p in PROBLEMS}[state]
    invitation = CollectiveInvitationFactory(collective=collective, **make())
    response = client.get(_page(invitation))
    assert response.status_code == 410
    assert "Sign in" in response.content.decode()


def test_the_wrong_email_page_masks_the_invited_address(
    client: Client, invitation: Invitation, outsider: User
) -> None:
    client.force_login(outsider)
    html = client.get(_page(invitation)).content.decode()
    assert "sam@example.org" not in html
    assert "sa…@example.org" in html


def test_an_unknown_invitation_is_not_found(client: Client, db: None, sam: User) -> None:
    for url in (
        reverse("invitations:join", args=["no-such-token"]),
        reverse("invitations:accept", args=["no-such-token"]),
    ):
        method = client.get if url.endswith("no-such-token/") else client.post
        assert method(url).status_code == 404
    client.force_login(sam)
    assert client.post(reverse("invitations:decline", args=["x"])).status_code == 404


def test_a_withdrawn_shareable_link_stops_working(
    client: Client, collective: Collective, sam: User
) -> None:
    link = CollectiveInvitationFactory(collective=collective, email="", revoked_at=NOW())
    client.force_login(sam)
    assert _accept(client, link).status_code == 410
    assert not _is_member(sam, collective)
