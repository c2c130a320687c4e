"""Writing to the change history. Every service that changes shared records calls this."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from django.db import models
from django.db.models.functions import Cast

from levelfield.history.models import Change
from levelfield.lib.erasure import forget


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


def history_forget(
    *,
    pattern: re.Pattern,
    addresses: Iterable[str],
    actor: Any,
    project_ids: Iterable[int],
    collective_ids: Iterable[int],
) -> int:
    """Replace a person's names and addresses with "A former member" in the history,
    when they erase their account. The record of what changed stays.

    Rows are rewritten where the person was (the given projects and collectives, and
    changes they made themselves) and, for their email addresses, anywhere: an address
    is theirs alone, so it can go from every history, but a first name may belong to
    someone else elsewhere. Returns how many rows were rewritten.
    """
    where = (
        models.Q(project_id__in=list(project_ids))
        | models.Q(collective_id__in=list(collective_ids))
        | models.Q(actor=actor)
    )
    for address in addresses:
        where |= (
            models.Q(summary__icontains=address)
            | models.Q(before_text__icontains=address)
            | models.Q(after_text__icontains=address)
        )
    changes = Change.objects.annotate(
        before_text=Cast("before", models.TextField()),
        after_text=Cast("after", models.TextField()),
    ).filter(where)
    rewritten = []
    for change in changes.iterator():
        summary = forget(change.summary, pattern)
        before = forget(change.before, pattern)
        after = forget(change.after, pattern)
        if (summary, before, after) != (change.summary, change.before, change.after):
            change.summary, change.before, change.after = summary, before, after
            rewritten.append(change)
    Change.objects.bulk_update(rewritten, ["summary", "before", "after"], batch_size=500)
    return len(rewritten)
