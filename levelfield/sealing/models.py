"""The keys that seal anonymous answers while they are gathered (see sealed.py)."""

from __future__ import annotations

from django.db import models


class SealKey(models.Model):
    """A random secret for one scope (a decision, a check-in round, an event's feedback, a
    survey) that exists only while its answers are being gathered.

    The key that seals an answer is derived from this secret and the app's SECRET_KEY, so
    while the scope is open a reader needs both; when the answers are written out the row
    is deleted and the table rewritten (`keys_vacuum`), and from then on nothing, not even
    SECRET_KEY, opens an old copy of a sealed answer. No index holds the secret.
    """

    scope = models.CharField(max_length=100, unique=True)
    secret = models.BinaryField(editable=False)

    def __str__(self) -> str:
        return f"The key of {self.scope}"
