"""Who does the work: tasks done in a place (or a whole collective) over a period,
split by the perspective group of the people who did them.

For the annual report and the evidence view ("who does the work?"). Three queries
however many tasks there are. The split follows the one rule of check-ins and reports
(`reflection.groups.may_split`): it appears only when every group present has enough
people, otherwise only the totals; a count of people under the minimum is None.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from typing import Any

from django.conf import settings
from django.db.models import Count

from levelfield.places.models import Place
from levelfield.reflection import groups
from levelfield.tasks.models import Status, Task


def tasks_done_by_perspective(
    *,
    start: datetime.datetime | None = None,
    end: datetime.datetime | None = None,
    place: Place | None = None,
    collective_id: int | None = None,
) -> dict[str, Any]:
    """Tasks done between `start` and `end` in `place`, or in every place of the
    collective `collective_id`: how many, by how many people, and (when every group is
    big enough) by perspective group. Without `start` and `end`: whenever they were done."""
    tasks = Task.objects.filter(status=Status.DONE)
    if start is not None and end is not None:
        tasks = tasks.filter(done_at__range=(start, end))
    if place is not None:
        tasks = tasks.in_place(place)
    elif collective_id is not None:
        tasks = tasks.in_collective(collective_id)
    else:
        raise ValueError("Give a place or a collective.")
    per_person = dict(
        tasks.filter(done_by__isnull=False)
        .values("done_by_id")
        .annotate(done=Count("pk"))
        .order_by()
        .values_list("done_by_id", "done")
    )
    group_of = groups.groups_of(per_person)
    tasks_by_group: dict[str, int] = defaultdict(int)
    people_by_group: dict[str, int] = defaultdict(int)
    for person_id, done in per_person.items():
        tasks_by_group[group_of[person_id]] += done
        people_by_group[group_of[person_id]] += 1
    split = groups.may_split(people_by_group.values())
    people = len(per_person)
    return {
        "tasks": tasks.count(),  # with those done by people who have since left
        "people": people if people >= settings.MINIMUM_ANONYMOUS_GROUP else None,
        "split": split,
        "by_group": [
            {
                "group": group.label,
                "people": people_by_group[group],
                "tasks": tasks_by_group[group],
            }
            for group in groups.SPLIT_GROUPS
            if people_by_group.get(group)
        ]
        if split
        else [],
    }
