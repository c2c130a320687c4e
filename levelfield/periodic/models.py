"""When each periodic job last ran and is next due: the record that makes
`run_periodic` idempotent, and safe when two servers' schedulers start it at once."""

from __future__ import annotations

from django.db import models


class JobRun(models.Model):
    """One row per periodic management command (its name)."""

    name = models.CharField(max_length=100, unique=True)
    due_at = models.DateTimeField()
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    succeeded = models.BooleanField(null=True)
    output = models.TextField(blank=True)

    def __str__(self) -> str:
        return self.name
