"""Notifications: what Levelfield told a person (or an address), and how they want to hear.

Every email goes through `services.notification_send`, which stores a `Notification`
and queues its delivery after the transaction commits.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from levelfield.notifications.kinds import SUBJECT_PREFIX, Frequency

if TYPE_CHECKING:
    from levelfield.people.models import User


class Status(models.TextChoices):
    QUEUED = "queued", _("Waiting to be emailed")
    SENDING = "sending", _("Being emailed")
    SENT = "sent", _("Emailed")
    WAITING_FOR_SUMMARY = "waiting", _("Waiting for your summary email")
    IN_SUMMARY = "in_summary", _("Emailed in a summary")
    NOT_EMAILED = "not_emailed", _("Not emailed: you turned these emails off")
    FAILED = "failed", _("We could not email it")


class NotificationQuerySet(models.QuerySet):
    def for_person(self, person: User) -> NotificationQuerySet:
        """A person's own notices, newest first (summaries are not listed twice)."""
        from levelfield.notifications import kinds

        summary_kinds = [kind.name for kind in kinds.KINDS.values() if kind.is_summary]
        return (
            self.filter(person=person).exclude(kind__in=summary_kinds).order_by("-created", "-pk")
        )


class Notification(models.Model):
    """One notice to one person or address, and the email that carries it.

    `email` is the address it goes (or went) to; `person` is empty for people without
    an account (an invitation to a new address). For kinds that carry secrets
    (`Kind.keeps_body` is False) `text` and `html` are cleared once delivery ends.
    """

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    email = models.EmailField()
    kind = models.CharField(max_length=40)
    frequency = models.CharField(max_length=20, choices=Frequency.choices)
    subject = models.CharField(max_length=300)
    text = models.TextField(blank=True)
    html = models.TextField(blank=True)
    link = models.CharField(max_length=500, blank=True)
    created = models.DateTimeField(default=timezone.now)
    status = models.CharField(max_length=20, choices=Status.choices)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    summary = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="items"
    )

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created", "-pk"]
        indexes = [
            models.Index(fields=["person", "-created"], name="notif_person_created"),
            models.Index(fields=["status", "frequency"], name="notif_status_frequency"),
        ]
        constraints = [
            models.CheckConstraint(condition=~Q(email=""), name="notifications_has_address"),
        ]

    def __str__(self) -> str:
        return self.subject

    @property
    def link_url(self) -> str:
        """The link as an absolute URL, for emails."""
        if not self.link or "://" in self.link:
            return self.link
        return settings.SITE_URL + self.link

    @property
    def title(self) -> str:
        """The subject without the "Levelfield:" every email starts with."""
        return self.subject.removeprefix(SUBJECT_PREFIX)


class Preference(models.Model):
    """How often a person wants to hear about one kind. No row means the kind's default."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    kind = models.CharField(max_length=40)
    frequency = models.CharField(max_length=20, choices=Frequency.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["person", "kind"], name="notifications_one_preference"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind}: {self.frequency}"


class Suppression(models.Model):
    """An address without an account that asked for no more emails of one kind.

    Kept after everything else about the address is erased: it is the person's own
    request not to be contacted.
    """

    email = models.EmailField()
    kind = models.CharField(max_length=40)
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["email", "kind"], name="notifications_one_suppression"
            ),
            models.CheckConstraint(
                condition=Q(email=Lower("email")), name="notifications_suppression_lowercase"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.email}: {self.kind}"
