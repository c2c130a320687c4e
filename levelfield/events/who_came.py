"""Who came to a place's meetings, as groups to choose at once when recording who took
part in something else ("Everyone who came to The Cuppa on 3 March 2026"); read through
the events manifest (`people_groups`, `people_in_group`), so places never import events.

Who came is what the involvement log says: the participations of the entry that
recording attendance wrote (`Event.involvement_entry`), walk-ins with an account
included, guests without one left out.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from levelfield.events.models import Event
from levelfield.lib.manifests import PeopleGroup
from levelfield.projects.models import Participation

GROUPS_SHOWN = 30  # the latest meetings with attendance recorded, newest first


def people_groups(place: Any) -> list[PeopleGroup]:
    """The latest meetings in `place` whose attendance is recorded, in one query."""
    events = (
        Event.objects.in_place(place)
        .filter(involvement_entry__isnull=False, cancelled_at__isnull=True)
        .order_by("-starts_at", "-id")
        .only("pk", "title", "starts_at", "timezone_name")[:GROUPS_SHOWN]
    )
    return [
        PeopleGroup(
            key=str(event.pk),
            label=_("Everyone who came to %(title)s on %(day)s")
            % {"title": event.title, "day": date_format(event.local_start, "j F Y")},
        )
        for event in events
    ]


def people_in_group(place: Any, key: str) -> QuerySet:
    """The ids of the people with an account who came to the event `key` in `place`,
    as a subquery (nobody when there is no such event there)."""
    if not key.isdigit():
        return Participation.objects.none().values("person_id")
    return Participation.objects.filter(
        entry__event__pk=int(key), entry__event__place=place, person__isnull=False
    ).values("person_id")
