"""Writing to the change history. Every service that changes shared records calls this."""

from __future__ import annotations

import re
from typing import Any

from django.db import models

from levelfield.history.models import Change
from levelfield.lib.words import FORMER_MEMBER


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


def history_forget_person(
    *, person: Any, project_ids: list[int], collective_ids: list[int]
) -> int:
    """Replace a person's name and email with "A former member" in the history of the
    projects and collectives they belonged to, when they erase their account.

    The record of what changed stays; only what identifies them goes. Returns how many
    history rows were rewritten.
    """
    names = {value for value in (person.display_name, person.email) if value}
    if not names:
        return 0
    pattern = re.compile(
        r"\b("
        + "|".join(re.escape(name) for name in sorted(names, key=len, reverse=True))
        + r")\b"
    )
    changes = Change.objects.filter(
        models.Q(project_id__in=project_ids) | models.Q(collective_id__in=collective_ids)
    )
    rewritten = []
    for change in changes.iterator():
        summary = pattern.sub(FORMER_MEMBER, change.summary)
        before = _scrub(change.before, pattern)
        after = _scrub(change.after, pattern)
        if (summary, before, after) != (change.summary, change.before, change.after):
            change.summary, change.before, change.after = summary, before, after
            rewritten.append(change)
    Change.objects.bulk_update(rewritten, ["summary", "before", "after"], batch_size=500)
    return len(rewritten)


def _scrub(value: Any, pattern: re.Pattern[str]) -> Any:
    if isinstance(value, str):
        return pattern.sub(FORMER_MEMBER, value)
    if isinstance(value, list):
        return [_scrub(item, pattern) for item in value]
    if isinstance(value, dict):
        return {key: _scrub(item, pattern) for key, item in value.items()}
    return value
