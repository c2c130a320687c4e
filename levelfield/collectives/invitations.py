"""Invitations to a collective or to a project: one mechanism for both.

An email invitation is for one address and is used once; a shareable link is used
by anyone who has it until it expires or is withdrawn. The functions here do the
work for any InvitationBase subclass; an `InvitationKind` says what differs (the
model, what it invites to, how joining and each change are worded in the history,
which email templates to send), and each app's services.py passes its own.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import timedelta
from smtplib import SMTPException
from typing import Any

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.mail import send_mail
from django.db import models, transaction
from django.template.loader import render_to_string
from django.utils import timezone

from levelfield.collectives.models import InvitationBase
from levelfield.history.services import change_record

logger = logging.getLogger(__name__)


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


@dataclass(frozen=True)
class InvitationKind:
    """What differs between invitations to a collective and to a project."""

    model: type[InvitationBase]
    # "collective" or "project": the name of the foreign key on the invitation model,
    # and the keyword change_record files the change under. The collective and the
    # project both name their members `memberships`.
    target: str
    # The history sentence for an action ("invited", "link_created",
    # "invitation_withdrawn", "invitation_declined"), given who did it and the invitation.
    summary: Callable[[str, Any, InvitationBase], str]
    # Records in the history that someone joined through the invitation.
    record_joined: Callable[[models.Model, InvitationBase], None]
    # Start of the email templates' names: <this>_subject.txt and <this>_body.txt.
    email_templates: str

    def target_of(self, invitation: InvitationBase) -> models.Model:
        return getattr(invitation, self.target)

    def record(
        self, invitation: InvitationBase, *, actor: Any, action: str, **values: Any
    ) -> None:
        """Record a change to `invitation` in the history of what it invites to."""
        change_record(
            actor=actor,
            action=action,
            summary=self.summary(action, actor, invitation),
            subject=invitation,
            **{self.target: self.target_of(invitation)},
            **values,
        )


@dataclass
class InvitationsSent:
    """What happened to each address someone asked to invite."""

    invited: list[InvitationBase] = field(default_factory=list)
    already_members: list[str] = field(default_factory=list)
    not_delivered: list[str] = field(default_factory=list)


def invitations_send(
    *,
    kind: InvitationKind,
    target: models.Model,
    invited_by: Any,
    emails: Iterable[str],
    message: str,
    days: int,
    accept_url_for: Callable[[InvitationBase], str],
) -> InvitationsSent:
    """Invite each address by email, skipping people who are already members.

    The emails go out after the invitations are saved, so nobody gets a link to an
    invitation that a failed transaction never stored.
    """
    result = InvitationsSent()
    addresses = list(dict.fromkeys(email.strip().lower() for email in emails if email.strip()))
    members = set(
        target.memberships.filter(person__email__in=addresses).values_list(
            "person__email", flat=True
        )
    )
    now = timezone.now()
    with transaction.atomic():
        for email in addresses:
            if email in members:
                result.already_members.append(email)
                continue
            invitation = target.invitations.create(
                email=email,
                message=message,
                invited_by=invited_by,
                created_at=now,
                expires_at=now + timedelta(days=days),
            )
            kind.record(
                invitation,
                actor=invited_by,
                action="invited",
                after={"email": email, "expires": day(invitation.expires_at)},
            )
            result.invited.append(invitation)
    for invitation in result.invited:
        if not _email_send(kind, invitation, accept_url_for(invitation)):
            result.not_delivered.append(invitation.email)
    return result


def invitation_link_create(
    *, kind: InvitationKind, target: models.Model, invited_by: Any, days: int
) -> InvitationBase:
    """A link anyone who has it can use to join, until it expires or is withdrawn."""
    now = timezone.now()
    with transaction.atomic():
        invitation = target.invitations.create(
            invited_by=invited_by, created_at=now, expires_at=now + timedelta(days=days)
        )
        kind.record(
            invitation,
            actor=invited_by,
            action="link_created",
            after={"expires": day(invitation.expires_at)},
        )
        return invitation


def invitation_withdraw(*, kind: InvitationKind, invitation: InvitationBase, actor: Any) -> bool:
    """Stop an invitation working. Returns False if it could no longer be used anyway."""
    with transaction.atomic():
        invitation = _locked(kind, invitation)
        if invitation.status != "pending":
            return False
        invitation.revoked_at = timezone.now()
        _save_ended(kind, invitation, "revoked_at", actor=actor, action="invitation_withdrawn")
        return True


def invitation_accept(
    *, kind: InvitationKind, invitation: InvitationBase, user: Any
) -> tuple[models.Model, bool]:
    """Join through an invitation. Returns the membership and whether it is new.

    Safe to repeat: someone who is already a member keeps their one membership. The
    invitation row is locked so two clicks at once cannot both use a one-off invitation,
    and the unique membership constraint backs that up.
    Raises InvitationProblem when the invitation cannot be used.
    """
    with transaction.atomic():
        invitation = _locked(kind, invitation)
        memberships = kind.target_of(invitation).memberships
        existing = memberships.filter(person=user).first()
        if existing:
            # Already in (a double click, or joined another way): nothing to add, but
            # an emailed invitation is used up so it stops showing as pending.
            if not invitation.is_link and invitation_problem(invitation, user) is None:
                _mark_accepted(invitation, user=user)
            return existing, False
        problem = invitation_problem(invitation, user)
        if problem:
            raise problem
        membership, created = memberships.get_or_create(person=user)
        if created:
            kind.record_joined(membership, invitation)
        _mark_accepted(invitation, user=user)
        return membership, created


def invitation_decline(*, kind: InvitationKind, invitation: InvitationBase, user: Any) -> None:
    """Say no thanks. An emailed invitation then stops working; a shared link carries on
    working for the other people it was shared with.
    Raises InvitationProblem when the invitation cannot be used."""
    with transaction.atomic():
        invitation = _locked(kind, invitation)
        problem = invitation_problem(invitation, user)
        if problem:
            raise problem
        if invitation.is_link:
            return
        invitation.declined_at = timezone.now()
        _save_ended(kind, invitation, "declined_at", actor=user, action="invitation_declined")


def invitation_problem(invitation: InvitationBase, user: object) -> InvitationProblem | None:
    """The reason `user` cannot accept `invitation`, or None when they can."""
    status = invitation.status
    if status == "withdrawn":
        return InvitationProblem(
            status,
            "This invitation has been withdrawn",
            "The person who sent it has cancelled it. Ask them for a new one if you "
            "still want to join.",
        )
    if status in {"accepted", "declined"}:
        return InvitationProblem(
            status,
            "This invitation has already been used",
            f"It was {status} on {_when(invitation)}. Each emailed invitation works once; "
            "ask for a new one if you need it.",
        )
    if status == "expired":
        return InvitationProblem(
            status,
            "This invitation has expired",
            f"It could be used until {invitation.expires_at:%d %B %Y}. Ask the person who "
            "invited you for a new one.",
        )
    email = getattr(user, "email", "")
    if invitation.email and email and not _has_address(user, invitation.email):
        return InvitationProblem(
            "wrong_email",
            "This invitation is for a different email address",
            f"It was sent to {_mask(invitation.email)}, but you are signed in as {email}. "
            "Sign out and sign in with the invited address, or ask for an invitation "
            "to your own address.",
        )
    return None


def day(moment: Any) -> str:
    """A date as the history shows it: 27 March 2026."""
    return f"{timezone.localtime(moment):%d %B %Y}"


def _locked(kind: InvitationKind, invitation: InvitationBase) -> InvitationBase:
    """The invitation read again and locked until the transaction ends."""
    return (
        kind.model.objects.select_for_update(of=("self",))
        .select_related(kind.target, "invited_by")
        .get(pk=invitation.pk)
    )


def _save_ended(
    kind: InvitationKind, invitation: InvitationBase, field_name: str, *, actor: Any, action: str
) -> None:
    """Save a pending invitation just withdrawn or declined, and record the change."""
    invitation.save(update_fields=[field_name])
    kind.record(
        invitation,
        actor=actor,
        action=action,
        before={"status": "pending"},
        after={"status": invitation.status},
    )


def _mark_accepted(invitation: InvitationBase, *, user: object) -> None:
    invitation.times_used += 1
    if not invitation.is_link:
        invitation.accepted_at = timezone.now()
        invitation.accepted_by = user
    invitation.save(update_fields=["times_used", "accepted_at", "accepted_by"])


def _email_send(kind: InvitationKind, invitation: InvitationBase, accept_url: str) -> bool:
    """Send one invitation email; False (and a log line) if the mail server refused it."""
    inviter = invitation.invited_by.name if invitation.invited_by else "Someone"
    context = {"invitation": invitation, "inviter": inviter, "accept_url": accept_url}
    subject = render_to_string(f"{kind.email_templates}_subject.txt", context)
    try:
        send_mail(
            subject=" ".join(subject.split()),
            message=render_to_string(f"{kind.email_templates}_body.txt", context),
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[invitation.email],
        )
    except (SMTPException, OSError):
        logger.exception("Could not send the %s invitation %s", kind.target, invitation.pk)
        return False
    return True


def _has_address(user: object, email: str) -> bool:
    """Whether the invited address is the person's log-in or another address of theirs
    that they have verified (people often have a work and a home address)."""
    if getattr(user, "email", "").lower() == email.lower():
        return True
    return EmailAddress.objects.filter(user=user, email__iexact=email, verified=True).exists()


def _when(invitation: InvitationBase) -> str:
    moment = invitation.accepted_at or invitation.declined_at
    return day(moment) if moment else "an earlier date"


def _mask(email: str) -> str:
    """Show enough of an address to recognise it without revealing it whole."""
    local, _, domain = email.partition("@")
    return f"{local[:2]}…@{domain}"
