"""Changes to collectives, their members and invitations.

Each function changes the database in one transaction and records the change in
the history in that same transaction, so nothing changes without a trace.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import timedelta
from smtplib import SMTPException
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify

from levelfield.collectives.invitations import (
    invitation_mark_accepted,
    invitation_mark_declined,
    invitation_problem,
)
from levelfield.collectives.models import (
    Collective,
    CollectiveInvitation,
    CollectiveMembership,
)
from levelfield.history.services import change_record

logger = logging.getLogger(__name__)

# Slugs that would collide with the app's own addresses (/collectives/new/, /join/...).
RESERVED_SLUGS = {"new", "join"}
SLUG_MAX_LENGTH = Collective._meta.get_field("slug").max_length

# How the history page names the values kept in before/after.
FIELD_LABELS = {
    "name": "Name",
    "kind": "Kind",
    "description": "Description",
    "minimum_decision_days": "Minimum decision period in days",
    "member": "Member",
    "coordinator": "Coordinator",
    "email": "Email",
    "expires": "Expires",
    "status": "Status",
}


def collective_create(*, name: str, kind: str, description: str, created_by: Any) -> Collective:
    """Start a collective; its creator becomes its first member and a coordinator."""
    attempts = 5
    for attempt in range(1, attempts + 1):
        try:
            return _collective_insert(
                name=name, kind=kind, description=description, created_by=created_by
            )
        except IntegrityError:
            # Someone took the same web address between our check and our insert.
            if attempt == attempts:
                raise
    raise IntegrityError("No free web address for the collective.")


def _collective_insert(*, name: str, kind: str, description: str, created_by: Any) -> Collective:
    with transaction.atomic():
        collective = Collective.objects.create(
            name=name,
            slug=_unique_slug(name),
            kind=kind,
            description=description,
            created_by=created_by,
        )
        membership = CollectiveMembership.objects.create(
            collective=collective, person=created_by, is_coordinator=True
        )
        change_record(
            actor=created_by,
            action="created",
            summary=f"{created_by.name} started the collective {collective.name}",
            subject=collective,
            collective=collective,
            after=_collective_values(collective),
        )
        _record_joined(membership, actor=created_by, how="started the collective")
        return collective


def collective_update(*, collective: Collective, actor: Any, **values: Any) -> bool:
    """Change a collective's settings; returns False when nothing changed."""
    with transaction.atomic():
        collective = Collective.objects.select_for_update(of=("self",)).get(pk=collective.pk)
        before = _collective_values(collective)
        for name, value in values.items():
            setattr(collective, name, value)
        after = _collective_values(collective)
        if before == after:
            return False
        collective.full_clean(exclude=["slug", "created_by"])
        collective.save(update_fields=list(values))
        changed = [key for key in after if before[key] != after[key]]
        change_record(
            actor=actor,
            action="settings_changed",
            summary=f"{actor.name} changed the collective's {_join_words(changed)}",
            subject=collective,
            collective=collective,
            before={key: before[key] for key in changed},
            after={key: after[key] for key in changed},
        )
        return True


def membership_leave(*, membership: CollectiveMembership) -> None:
    """The member leaves. Their past work stays in the history under their name."""
    with transaction.atomic():
        membership = (
            CollectiveMembership.objects.select_for_update(of=("self",))
            .select_related("person", "collective")
            .get(pk=membership.pk)
        )
        person, collective = membership.person, membership.collective
        change_record(
            actor=person,
            action="left",
            summary=f"{person.name} left the collective",
            subject=membership,
            collective=collective,
            before=_membership_values(membership),
        )
        membership.delete()


def membership_set_coordinator(
    *, membership: CollectiveMembership, is_coordinator: bool, actor: Any
) -> bool:
    """Give or take the coordinator job. Any member may do it for any member, since
    it is a job and not a rank. Returns False when the member already had that role."""
    with transaction.atomic():
        membership = (
            CollectiveMembership.objects.select_for_update(of=("self",))
            .select_related("person", "collective")
            .get(pk=membership.pk)
        )
        if membership.is_coordinator == is_coordinator:
            return False
        before = _membership_values(membership)
        membership.is_coordinator = is_coordinator
        membership.save(update_fields=["is_coordinator"])
        change_record(
            actor=actor,
            action="coordinator_given" if is_coordinator else "coordinator_taken",
            summary=_coordinator_summary(actor, membership.person, is_coordinator),
            subject=membership,
            collective=membership.collective,
            before=before,
            after=_membership_values(membership),
        )
        return True


@dataclass
class InvitationsSent:
    """What happened to each address someone asked to invite."""

    invited: list[CollectiveInvitation] = field(default_factory=list)
    already_members: list[str] = field(default_factory=list)
    not_delivered: list[str] = field(default_factory=list)


def invitations_send(
    *,
    collective: Collective,
    invited_by: Any,
    emails: Iterable[str],
    message: str,
    days: int,
    accept_url_for: Callable[[CollectiveInvitation], str],
) -> InvitationsSent:
    """Invite each address by email, skipping people who are already members.

    The emails go out after the invitations are saved, so nobody gets a link to an
    invitation that a failed transaction never stored.
    """
    result = InvitationsSent()
    addresses = list(dict.fromkeys(email.strip().lower() for email in emails))
    members = set(
        collective.memberships.filter(person__email__in=addresses).values_list(
            "person__email", flat=True
        )
    )
    expires_at = timezone.now() + timedelta(days=days)
    with transaction.atomic():
        for email in addresses:
            if email in members:
                result.already_members.append(email)
                continue
            invitation = CollectiveInvitation.objects.create(
                collective=collective,
                email=email,
                message=message,
                invited_by=invited_by,
                expires_at=expires_at,
            )
            change_record(
                actor=invited_by,
                action="invited",
                summary=f"{invited_by.name} invited {email}",
                subject=invitation,
                collective=collective,
                after={"email": email, "expires": _day(expires_at)},
            )
            result.invited.append(invitation)
    for invitation in result.invited:
        if not _invitation_email_send(invitation, accept_url_for(invitation)):
            result.not_delivered.append(invitation.email)
    return result


def invitation_link_create(
    *, collective: Collective, invited_by: Any, days: int
) -> CollectiveInvitation:
    """A link anyone who has it can use to join, until it expires or is withdrawn."""
    with transaction.atomic():
        invitation = CollectiveInvitation.objects.create(
            collective=collective,
            invited_by=invited_by,
            expires_at=timezone.now() + timedelta(days=days),
        )
        change_record(
            actor=invited_by,
            action="link_created",
            summary=f"{invited_by.name} made a shareable invitation link",
            subject=invitation,
            collective=collective,
            after={"expires": _day(invitation.expires_at)},
        )
        return invitation


def invitation_withdraw(*, invitation: CollectiveInvitation, actor: Any) -> bool:
    """Stop an invitation working. Returns False if it could no longer be used anyway."""
    with transaction.atomic():
        invitation = (
            CollectiveInvitation.objects.select_for_update(of=("self",))
            .select_related("collective")
            .get(pk=invitation.pk)
        )
        if invitation.status != "pending":
            return False
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])
        change_record(
            actor=actor,
            action="invitation_withdrawn",
            summary=f"{actor.name} withdrew the invitation {_invitation_label(invitation)}",
            subject=invitation,
            collective=invitation.collective,
            before={"status": "pending"},
            after={"status": "withdrawn"},
        )
        return True


def invitation_accept(*, invitation: CollectiveInvitation, user: Any) -> CollectiveMembership:
    """Join the collective through an invitation.

    Safe to repeat: someone who is already a member keeps their one membership. The
    invitation row is locked so two clicks at once cannot both use a one-off invitation.
    Raises InvitationProblem when the invitation cannot be used.
    """
    with transaction.atomic():
        invitation = (
            CollectiveInvitation.objects.select_for_update(of=("self",))
            .select_related("collective", "invited_by")
            .get(pk=invitation.pk)
        )
        collective = invitation.collective
        existing = CollectiveMembership.objects.filter(collective=collective, person=user).first()
        if existing:
            # Already in (a double click, or joined another way): nothing to add, but
            # an emailed invitation is used up so it stops showing as pending.
            if not invitation.is_link and invitation_problem(invitation, user) is None:
                invitation_mark_accepted(invitation, user=user)
            return existing
        problem = invitation_problem(invitation, user)
        if problem:
            raise problem
        membership, created = CollectiveMembership.objects.get_or_create(
            collective=collective, person=user
        )
        if created:
            inviter = invitation.invited_by.name if invitation.invited_by else "a former member"
            _record_joined(membership, actor=user, how=f"accepted an invitation from {inviter}")
        invitation_mark_accepted(invitation, user=user)
        return membership


def invitation_decline(*, invitation: CollectiveInvitation, user: Any) -> None:
    """Say no thanks. An emailed invitation then stops working; a shared link carries on
    working for the other people it was shared with."""
    with transaction.atomic():
        invitation = (
            CollectiveInvitation.objects.select_for_update(of=("self",))
            .select_related("collective")
            .get(pk=invitation.pk)
        )
        problem = invitation_problem(invitation, user)
        if problem:
            raise problem
        if invitation.is_link:
            return
        invitation_mark_declined(invitation)
        change_record(
            actor=user,
            action="invitation_declined",
            summary=f"{invitation.email} declined the invitation",
            subject=invitation,
            collective=invitation.collective,
            before={"status": "pending"},
            after={"status": "declined"},
        )


def _invitation_email_send(invitation: CollectiveInvitation, accept_url: str) -> bool:
    """Send one invitation email; False (and a log line) if the mail server refused it."""
    inviter = invitation.invited_by.name if invitation.invited_by else "Someone"
    context = {"invitation": invitation, "inviter": inviter, "accept_url": accept_url}
    subject = f"Levelfield: {inviter} invited you to join {invitation.collective.name}"
    try:
        send_mail(
            subject=" ".join(subject.split()),
            message=render_to_string("collectives/email/invitation.txt", context),
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[invitation.email],
        )
    except (SMTPException, OSError):
        logger.exception("Could not send invitation %s", invitation.pk)
        return False
    return True


def _unique_slug(name: str) -> str:
    """A readable web address from the name, with -2, -3... when it is taken."""
    base = slugify(name)[: SLUG_MAX_LENGTH - 6].strip("-") or "collective"
    taken = (
        set(Collective.objects.filter(slug__startswith=base).values_list("slug", flat=True))
        | RESERVED_SLUGS
    )
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug


def _record_joined(membership: CollectiveMembership, *, actor: Any, how: str) -> None:
    change_record(
        actor=actor,
        action="joined",
        summary=f"{membership.person.name} joined the collective ({how})",
        subject=membership,
        collective=membership.collective,
        after=_membership_values(membership),
    )


def _collective_values(collective: Collective) -> dict[str, Any]:
    return {
        "name": collective.name,
        "kind": collective.kind,
        "description": collective.description,
        "minimum_decision_days": collective.minimum_decision_days,
    }


def _membership_values(membership: CollectiveMembership) -> dict[str, Any]:
    return {"member": membership.person.name, "coordinator": membership.is_coordinator}


def _coordinator_summary(actor: Any, person: Any, is_coordinator: bool) -> str:
    if actor.pk == person.pk:
        verb = "took on" if is_coordinator else "stepped down from"
        return f"{person.name} {verb} the coordinator job"
    if is_coordinator:
        return f"{actor.name} gave {person.name} the coordinator job"
    return f"{actor.name} took the coordinator job from {person.name}"


def _invitation_label(invitation: CollectiveInvitation) -> str:
    return f"to {invitation.email}" if invitation.email else "link"


def _join_words(keys: list[str]) -> str:
    words = [FIELD_LABELS.get(key, key).lower() for key in keys]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _day(moment: Any) -> str:
    return f"{timezone.localtime(moment):%d %B %Y}"
