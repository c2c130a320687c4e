"""Rules shared by every kind of invitation (to a collective, to a project).

An email invitation is for one address and is used once; a shareable link is used
by anyone who has it until it expires or is withdrawn.
"""

from __future__ import annotations

from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.utils import timezone

from levelfield.collectives.models import InvitationBase


@dataclass(eq=False)
class InvitationProblem(Exception):
    """Why an invitation cannot be used, in words to show the person."""

    status: str
    heading: str
    explanation: str


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


def invitation_mark_accepted(invitation: InvitationBase, *, user: object) -> None:
    now = timezone.now()
    invitation.times_used += 1
    if not invitation.is_link:
        invitation.accepted_at = now
        invitation.accepted_by = user
    invitation.save(update_fields=["times_used", "accepted_at", "accepted_by"])


def invitation_mark_declined(invitation: InvitationBase) -> None:
    if not invitation.is_link:
        invitation.declined_at = timezone.now()
        invitation.save(update_fields=["declined_at"])


def _has_address(user: object, email: str) -> bool:
    """Whether the invited address is the person's log-in or another address of theirs
    that they have verified (people often have a work and a home address)."""
    if getattr(user, "email", "").lower() == email.lower():
        return True
    return EmailAddress.objects.filter(user=user, email__iexact=email, verified=True).exists()


def _when(invitation: InvitationBase) -> str:
    moment = invitation.accepted_at or invitation.declined_at
    return f"{timezone.localtime(moment):%d %B %Y}" if moment else "an earlier date"


def _mask(email: str) -> str:
    """Show enough of an address to recognise it without revealing it whole."""
    local, _, domain = email.partition("@")
    return f"{local[:2]}…@{domain}"
