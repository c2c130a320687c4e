"""The record of every change to memberships, involvement and (later) money and decisions.

One table for every kind of change, so a project or collective can show its whole
history in one list and nothing is ever changed without a trace.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Change(models.Model):
    """Who changed what, when, with the values before and after."""

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Empty when the person has since deleted their account.",
    )
    collective = models.ForeignKey(
        "collectives.Collective",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="changes",
    )
    project = models.ForeignKey(
        "projects.Project",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="changes",
    )
    subject_type = models.CharField(
        max_length=60, help_text="What kind of thing changed, e.g. 'membership'."
    )
    subject_id = models.PositiveBigIntegerField(null=True, blank=True)
    action = models.CharField(max_length=40)
    summary = models.CharField(max_length=300)
    before = models.JSONField(default=dict, blank=True)
    after = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["project", "-at"]),
            models.Index(fields=["collective", "-at"]),
            models.Index(fields=["subject_type", "subject_id"]),
        ]

    def __str__(self) -> str:
        return self.summary

    @property
    def actor_name(self) -> str:
        return self.actor.name if self.actor else "A former member"

    def changed_fields(self) -> list[tuple[str, object, object]]:
        """(field, before, after) for every field whose value differs."""
        keys = sorted(set(self.before) | set(self.after))
        return [
            (key, self.before.get(key), self.after.get(key))
            for key in keys
            if self.before.get(key) != self.after.get(key)
        ]
