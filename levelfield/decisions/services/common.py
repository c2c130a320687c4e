"""What every decisions service shares: the error people can act on, proposed times,
time zones and the history record."""

from __future__ import annotations

import zoneinfo
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from levelfield.decisions.models import Decision
from levelfield.history.services import change_record
from levelfield.lib.words import day
from levelfield.people.models import User


class DecisionError(ValidationError):
    """A change refused for a reason the person can act on; the message says what to do."""


@dataclass(frozen=True)
class ProposedTime:
    starts_at: datetime
    ends_at: datetime


def zone_for(name: str) -> zoneinfo.ZoneInfo:
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise DecisionError(_("Choose a time zone from the list."), code="timezone") from None


def time_label(starts_at: datetime, ends_at: datetime, zone: zoneinfo.ZoneInfo) -> str:
    """'Tuesday 3 November 2026, 14:00 to 15:30 (Europe/London)'."""
    start = starts_at.astimezone(zone)
    end = ends_at.astimezone(zone)
    end_text = f"{end:%H:%M}" if end.date() == start.date() else f"{day(end)} {end:%H:%M}"
    return f"{start:%A} {day(start)}, {start:%H:%M} to {end_text} ({zone.key})"


def decision_record(
    decision: Decision,
    *,
    actor: User | None,
    action: str,
    summary: str,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> None:
    """The decision's entry in the change history, in the caller's transaction."""
    change_record(
        actor=actor,
        action=action,
        summary=summary,
        subject=decision,
        **decision.place.history_scope(),
        before=before,
        after=after,
    )
