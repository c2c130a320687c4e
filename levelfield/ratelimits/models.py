"""One counter per rule, key and window: the one place rate limits are counted."""

from __future__ import annotations

from django.db import models


class Count(models.Model):
    """How many times `key` acted under `rule` in the window starting at `window_start`.

    `key` is a keyed hash (never the address, email or account itself); a row is kept
    until `expires_at` and then pruned by `rate_limits_prune`."""

    rule = models.CharField(max_length=60)
    key = models.CharField(max_length=64)
    window_start = models.DateTimeField()
    expires_at = models.DateTimeField(db_index=True)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["rule", "key", "window_start"], name="ratelimits_one_count_per_window"
            )
        ]

    def __str__(self) -> str:
        return f"{self.rule}: {self.count} since {self.window_start:%Y-%m-%d %H:%M}"
