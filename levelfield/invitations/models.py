"""Invitations to a place (a collective or a project): one model for both.

An invitation by email is for one address and works once; a shareable link works
for anyone who has it until it expires or is withdrawn. Either way the database keeps
only the SHA-256 of the invitation's token, so someone who reads the database (or a
backup of it) cannot use an invitation. The token itself is shown once, in the link.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from levelfield.collectives.models import Collective
from levelfield.projects.models import Project


def invitation_token_new() -> str:
    """A fresh secret for one invitation's link: 192 random bits."""
    return secrets.token_urlsafe(24)


def invitation_token_hash(token: str) -> str:
    """What the database keeps: enough to find the invitation, useless to rebuild the link.
    A plain SHA-256 is enough because the token is random, not a password someone chose."""
    return hashlib.sha256(token.encode()).hexdigest()


def _default_expiry() -> object:
    return timezone.now() + timedelta(days=settings.INVITATION_DAYS)


class InvitationQuerySet(models.QuerySet):
    def pending(self) -> InvitationQuerySet:
        """Invitations that still work: not used, declined, withdrawn or expired."""
        return self.filter(
            accepted_at__isnull=True,
            declined_at__isnull=True,
            revoked_at__isnull=True,
            expires_at__gt=timezone.now(),
        )

    def with_token(self, token: str) -> InvitationQuerySet:
        """The invitation a link's token opens (looked up by its hash, a unique index)."""
        return self.filter(token_hash=invitation_token_hash(token))

    def addressed_to(self, person: object) -> InvitationQuerySet:
        """Emailed invitations sent to one of the person's verified email addresses
        (compared in the same query, so a page showing them makes one query, not two)."""
        return self.filter(
            Exists(
                EmailAddress.objects.filter(
                    user=person, verified=True, email__iexact=OuterRef("email")
                )
            )
        )

    def waiting_for(self, person: object) -> InvitationQuerySet:
        """Pending invitations to the person, to places they are not in yet: the ones
        they can answer from their home page."""
        return self.pending().addressed_to(person).exclude(place__memberships__person=person)


class Invitation(models.Model):
    """An invitation to join a place: a collective or a project. (A group is joined by
    its collective's members directly, so nobody is invited to one.)"""

    place = models.ForeignKey(
        "places.Place",
        on_delete=models.CASCADE,
        related_name="invitations",
        help_text=_("The collective's or project's place the invitation is to."),
    )
    email = models.EmailField(
        blank=True, help_text=_("Empty for a shareable link anyone with it can use.")
    )
    token_hash = models.CharField(
        max_length=64, unique=True, editable=False, help_text=_("SHA-256 of the link's token.")
    )
    message = models.TextField(_("personal message"), blank=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(default=_default_expiry)
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    declined_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    times_used = models.PositiveIntegerField(default=0)

    objects = InvitationQuerySet.as_manager()

    # The token in plain text: set only on the instance that was just created, so the
    # link can be emailed or shown once. The database never holds it.
    token: str = ""

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_at__gt=models.F("created_at")),
                name="invitations_expire_after_creation",
            ),
        ]

    def __str__(self) -> str:
        return f"Invitation to {self.place.name}"

    def set_token(self, token: str) -> None:
        """Give the invitation its secret: keep the hash, remember the token for now."""
        self.token = token
        self.token_hash = invitation_token_hash(token)

    @property
    def invited_to(self) -> Collective | Project:
        """What the invitation is to: the collective or the project."""
        return self.place.owner

    @property
    def collective(self) -> Collective:
        """The collective, or the project's collective."""
        return self.place.collective

    @property
    def project(self) -> Project | None:
        """The project, for an invitation to one."""
        return self.place.project if self.place.project_id else None

    @property
    def place_kind(self) -> str:
        """'collective' or 'project'."""
        return self.place.kind

    @property
    def is_link(self) -> bool:
        return not self.email

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()

    @property
    def status(self) -> str:
        """One word for the invitation's state, used in pages and tests alike."""
        if self.revoked_at:
            return "withdrawn"
        if self.accepted_at and not self.is_link:
            return "accepted"
        if self.declined_at and not self.is_link:
            return "declined"
        if self.is_expired:
            return "expired"
        return "pending"
