"""Writing to the change history. Every service that changes shared records calls this."""

from __future__ import annotations

from typing import Any

from django.db import models

from levelfield.history.models import Change


def change_record(
    *,
    actor: Any,
    action: str,
    summary: str,
    subject: models.Model | None = None,
    subject_type: str = "",
    project: Any = None,
    collective: Any = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> Change:
    """Record one change. Call it inside the same transaction as the change itself."""
    return Change.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        summary=summary[:300],
        subject_type=subject_type or (subject._meta.model_name if subject is not None else ""),
        subject_id=subject.pk if subject is not None else None,
        project=project,
        collective=collective,
        before=before or {},
        after=after or {},
    )
