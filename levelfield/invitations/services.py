"""Inviting people to a collective or a project, and answering an invitation.

Each function is one thing a person does, in one transaction with its entry in the
history of the collective or project, so nothing changes without a trace. Invitation
emails go through the notifications app from inside that transaction: they are queued
only once it commits, so nobody gets a link to an invitation that was never stored, and
a mail server that refuses one is tried again later.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from allauth.account.models import EmailAddress
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from levelfield.collectives.models import Collective
from levelfield.collectives.roles import memberships_of
from levelfield.history.services import change_record
from levelfield.invitations.models import Invitation, invitation_token_new
from levelfield.lib.words import FORMER_MEMBER, day
from levelfield.notifications.services import notification_send
from levelfield.people.models import User
from levelfield.places.models import PlaceMembership, place_of
from levelfield.places.services import place_members_counted
from levelfield.projects.models import Project

Place = Collective | Project


@dataclass(eq=False)
class InvitationProblem(Exception):
    """Why an invitation cannot be used, in words to show the person."""

    status: str
    heading: str
    explanation: str

    @property
    def http_status(self) -> int:
        """403 when the invitation belongs to someone else; 410 (gone) when it is
        expired, withdrawn or used."""
        return 403 if self.status == "wrong_email" else 410


@dataclass
class InvitationsSent:
    """What happened to each address someone asked to invite."""

    invited: list[Invitation] = field(default_factory=list)
    already_members: list[str] = field(default_factory=list)


def place_words(place: Place) -> str:
    """How pages, emails and messages name the place: 'Leeds Carers' or
    'the project “Life after stroke”'."""
    if isinstance(place, Project):
        return gettext("the project “%(title)s”") % {"title": place.title}
    return place.name


def is_member(place: Place, person: Any) -> bool:
    if not getattr(person, "is_authenticated", False):
        return False
    return memberships_of(place).filter(person=person).exists()


def invitations_send(
    *,
    place: Place,
    invited_by: User,
    emails: Iterable[str],
    message: str = "",
    days: int,
    accept_url_for: Callable[[Invitation], str],
) -> InvitationsSent:
    """Invite each address by email, skipping people who are already members.

    `accept_url_for` gives the link for a just-created invitation: it holds the token,
    which exists only now (the database keeps its hash), so each email is rendered here
    and queued to go when the invitations are committed."""
    _check_member(place, invited_by)
    result = InvitationsSent()
    addresses = list(dict.fromkeys(email.strip().lower() for email in emails if email.strip()))
    members = set(
        memberships_of(place)
        .filter(person__email__in=addresses)
        .values_list("person__email", flat=True)
    )
    with transaction.atomic():
        holders = _account_holders(addresses)
        for email in addresses:
            if email in members:
                result.already_members.append(email)
                continue
            invitation = _create(
                place, invited_by=invited_by, days=days, email=email, message=message
            )
            invitation.save()
            _record(
                invitation,
                actor=invited_by,
                action="invited",
                after={"email": email, "expires": day(invitation.expires_at)},
            )
            _invitation_email_send(invitation, accept_url_for(invitation), holders.get(email))
            result.invited.append(invitation)
    return result


def invitation_link_create(*, place: Place, invited_by: User, days: int) -> Invitation:
    """A link anyone who has it can use to join, until it expires or is withdrawn.
    The returned invitation carries its token: show it now, it cannot be shown again."""
    _check_member(place, invited_by)
    with transaction.atomic():
        invitation = _create(place, invited_by=invited_by, days=days)
        invitation.save()
        _record(
            invitation,
            actor=invited_by,
            action="link_created",
            after={"expires": day(invitation.expires_at)},
        )
    return invitation


def invitation_withdraw(*, invitation: Invitation, actor: User) -> bool:
    """Stop an invitation working. Returns False if it could no longer be used anyway."""
    with transaction.atomic():
        invitation = _locked(invitation)
        _check_member(invitation.invited_to, actor)
        if invitation.status != "pending":
            return False
        invitation.revoked_at = timezone.now()
        _save_ended(invitation, "revoked_at", actor=actor, action="invitation_withdrawn")
        return True


def invitation_accept(*, invitation: Invitation, user: User) -> tuple[PlaceMembership, bool]:
    """Join through an invitation. Returns the membership and whether it is new.

    Safe to repeat: someone who is already a member keeps their one membership. The
    invitation row is locked so two clicks at once cannot both use a one-off invitation,
    and the unique membership constraint backs that up.
    Raises InvitationProblem when the invitation cannot be used.
    """
    with transaction.atomic():
        invitation = _locked(invitation)
        place = invitation.place
        existing = PlaceMembership.objects.filter(place=place, person=user).first()
        if existing:
            # Already in (a double click, or joined another way): nothing to add, but
            # an emailed invitation is used up so it stops showing as pending.
            if not invitation.is_link and invitation_problem(invitation, user) is None:
                _mark_accepted(invitation, user=user)
            return existing, False
        problem = invitation_problem(invitation, user)
        if problem:
            raise problem
        membership, created = PlaceMembership.objects.get_or_create(place=place, person=user)
        if created:
            place_members_counted(place_id=place.pk, change=1)
            _record_joined(membership, invitation)
        _mark_accepted(invitation, user=user)
        return membership, created


def invitation_decline(*, invitation: Invitation, user: User) -> None:
    """Say no thanks. An emailed invitation then stops working; a shared link carries on
    working for the other people it was shared with.
    Raises InvitationProblem when the invitation cannot be used."""
    with transaction.atomic():
        invitation = _locked(invitation)
        problem = invitation_problem(invitation, user)
        if problem:
            raise problem
        if invitation.is_link:
            return
        invitation.declined_at = timezone.now()
        _save_ended(invitation, "declined_at", actor=user, action="invitation_declined")


def invitation_problem(invitation: Invitation, user: object) -> InvitationProblem | None:
    """The reason `user` cannot accept `invitation`, or None when they can."""
    status = invitation.status
    if status == "withdrawn":
        return InvitationProblem(
            status,
            gettext("This invitation has been withdrawn"),
            gettext(
                "The person who sent it has cancelled it. Ask them for a new one if you "
                "still want to join."
            ),
        )
    if status in {"accepted", "declined"}:
        return InvitationProblem(
            status,
            gettext("This invitation has already been used"),
            (
                gettext(
                    "It was accepted on %(day)s. Each emailed invitation works once; "
                    "ask for a new one if you need it."
                )
                if status == "accepted"
                else gettext(
                    "It was declined on %(day)s. Each emailed invitation works once; "
                    "ask for a new one if you need it."
                )
            )
            % {"day": _when(invitation)},
        )
    if status == "expired":
        return InvitationProblem(
            status,
            gettext("This invitation has expired"),
            gettext(
                "It could be used until %(day)s. Ask the person who invited you for a new one."
            )
            % {"day": day(invitation.expires_at)},
        )
    email = getattr(user, "email", "")
    if invitation.email and email and not _has_address(user, invitation.email):
        return InvitationProblem(
            "wrong_email",
            gettext("This invitation is for a different email address"),
            gettext(
                "It was sent to %(sent_to)s, but you are signed in as %(email)s. "
                "Sign out and sign in with the invited address, or ask for an invitation "
                "to your own address."
            )
            % {"sent_to": _mask(invitation.email), "email": email},
        )
    return None


def _invitation_email_send(invitation: Invitation, accept_url: str, person: User | None) -> None:
    """Queue the invitation email (the one place it is sent). `person` is the account
    that has verified the invited address, if any: the notice then also shows among
    their notifications, linking to the invitation on their own page (no token there).
    """
    notification_send(
        kind="invitation",
        email=invitation.email,
        person=person,
        context={
            "invitation": invitation,
            "inviter": invitation.invited_by.name if invitation.invited_by else gettext("Someone"),
            "place": place_words(invitation.invited_to),
            "accept_url": accept_url,
        },
        url=reverse("invitations:join_yours", args=[invitation.pk]) if person else "",
    )


def _account_holders(addresses: list[str]) -> dict[str, User]:
    """The active account behind each address that someone has verified as theirs."""
    query = Q(pk__in=[])
    for address in addresses:
        query |= Q(email__iexact=address)
    verified = EmailAddress.objects.filter(query, verified=True, user__is_active=True)
    return {row.email.lower(): row.user for row in verified.select_related("user")}


def _check_member(place: Place, person: Any) -> None:
    """Only the place's members invite and withdraw (the views check first; this is
    the second line of defence)."""
    if not is_member(place, person):
        raise PermissionDenied(gettext("Only members can invite people or withdraw invitations."))


def _create(
    place: Place, *, invited_by: User, days: int, email: str = "", message: str = ""
) -> Invitation:
    """A new invitation with its token set, not yet saved."""
    now = timezone.now()
    invitation = Invitation(
        email=email,
        message=message,
        invited_by=invited_by,
        created_at=now,
        expires_at=now + timedelta(days=days),
    )
    invitation.place = place_of(place)
    invitation.set_token(invitation_token_new())
    return invitation


def _locked(invitation: Invitation) -> Invitation:
    """The invitation read again and locked until the transaction ends."""
    return (
        Invitation.objects.select_for_update(of=("self",))
        .select_related("place__collective", "place__project", "invited_by")
        .get(pk=invitation.pk)
    )


def _save_ended(invitation: Invitation, field_name: str, *, actor: User, action: str) -> None:
    """Save a pending invitation just withdrawn or declined, and record the change."""
    invitation.save(update_fields=[field_name])
    _record(
        invitation,
        actor=actor,
        action=action,
        before={"status": "pending"},
        after={"status": invitation.status},
    )


def _mark_accepted(invitation: Invitation, *, user: User) -> None:
    invitation.times_used += 1
    if not invitation.is_link:
        invitation.accepted_at = timezone.now()
        invitation.accepted_by = user
    invitation.save(update_fields=["times_used", "accepted_at", "accepted_by"])


def _record(invitation: Invitation, *, actor: User, action: str, **values: Any) -> None:
    """Record a change to an invitation in the history of its collective or project."""
    change_record(
        actor=actor,
        action=action,
        summary=_summary(action, actor, invitation),
        subject=invitation,
        **invitation.place.history_scope(),
        **values,
    )


def _summary(action: str, actor: User, invitation: Invitation) -> str:
    """How the history words each change to an invitation."""
    which = (
        f"the invitation sent to {invitation.email}" if invitation.email else "a shareable link"
    )
    kind = invitation.place_kind
    return {
        "invited": f"{actor.name} invited {invitation.email} to the {kind}",
        "link_created": f"{actor.name} made a shareable link to join the {kind}",
        "invitation_withdrawn": f"{actor.name} withdrew {which}",
        "invitation_declined": f"{actor.name} declined {which}",
    }[action]


def _record_joined(membership: PlaceMembership, invitation: Invitation) -> None:
    """Record that someone joined through the invitation, worded as each place's
    history words its other joins (collectives also record the coordinator job)."""
    name = membership.person.name
    if invitation.place_kind == "collective":
        inviter = invitation.invited_by.name if invitation.invited_by else FORMER_MEMBER.lower()
        change_record(
            actor=membership.person,
            action="joined",
            summary=f"{name} joined the collective (accepted an invitation from {inviter})",
            subject=membership,
            collective=membership.collective,
            after={"member": name, "coordinator": membership.is_coordinator},
        )
        return
    which = (
        f"the invitation sent to {invitation.email}" if invitation.email else "a shareable link"
    )
    change_record(
        actor=membership.person,
        action="member_joined",
        summary=f"{name} joined the project by accepting {which}",
        subject=membership,
        project=membership.project,
        after={"member": name},
    )


def _has_address(user: object, email: str) -> bool:
    """Whether the invited address is the person's log-in or another address of theirs
    that they have verified (people often have a work and a home address)."""
    if getattr(user, "email", "").lower() == email.lower():
        return True
    return EmailAddress.objects.filter(user=user, email__iexact=email, verified=True).exists()


def _when(invitation: Invitation) -> str:
    moment = invitation.accepted_at or invitation.declined_at
    return day(moment) if moment else gettext("an earlier date")


def _mask(email: str) -> str:
    """Show enough of an address to recognise it without revealing it whole."""
    local, _, domain = email.partition("@")
    return f"{local[:2]}…@{domain}"
