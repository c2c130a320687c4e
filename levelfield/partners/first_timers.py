"""First-timers: who is coming to an event for the first time.

Someone is new when the collective's involvement log (every place in it: the Cuppa, a
group's meeting, a project's workshop) has no earlier day on which they took part. An
organiser sees them marked on the "Who is coming" page so they can be greeted, and a
Cuppa's page welcomes a newcomer who has a place. One query, whatever the log's size.
Used by the events templates through `templatetags/first_timers.py`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils import timezone

from levelfield.projects.models import Participation


def first_timer_ids(event: Any, person_ids: Iterable[int | None]) -> set[int]:
    """Of `person_ids` (accounts; guests have none), those with no participation in the
    event's collective's involvement log before the event's day."""
    wanted = {person_id for person_id in person_ids if person_id is not None}
    if not wanted:
        return set()
    day = timezone.localdate(event.starts_at)
    came_before = set(
        Participation.objects.filter(
            person_id__in=wanted,
            entry__place__collective_id=event.place.collective_id,
            entry__happened_on__lt=day,
        )
        .values_list("person_id", flat=True)
        .distinct()
    )
    return wanted - came_before


def is_first_timer(event: Any, person: Any) -> bool:
    """Whether `person` has never taken part in the collective before this event."""
    if not getattr(person, "is_authenticated", False):
        return False
    return bool(first_timer_ids(event, [person.pk]))
