"""Tasks for `manage.py seed_scale`: thousands of tasks in the big project, in every
status and stage, owned by its members or left for anyone, bulk-inserted as the
services write them (the history of bulk rows is not written: they are benchmark data)."""

from __future__ import annotations

import datetime
import random

from django.utils import timezone

from levelfield.lib.scale import batches, scaled
from levelfield.people.scale import people_in_order
from levelfield.places.models import PlaceMembership
from levelfield.projects.models import Stage
from levelfield.projects.scale import big_project
from levelfield.tasks.models import Status, Task

TASKS = 5_000
VERBS = ["Book", "Write", "Check", "Send", "Read", "Ask about", "Print", "Plan"]
THINGS = ["the venue", "the summary", "the transcripts", "the agenda", "the poster", "travel"]


def scale_seed(*, size: str, rng: random.Random) -> None:
    project = big_project()
    place = project.place
    members = (
        list(
            PlaceMembership.objects.of_project(project)
            .order_by("person_id")
            .values_list("person_id", flat=True)[:200]
        )
        or people_in_order()[:1]
    )
    now = timezone.now()
    today = timezone.localdate()
    statuses = [Status.TODO, Status.TODO, Status.DOING, Status.DONE, Status.DROPPED]

    def rows():
        for number in range(scaled(size, TASKS, least=60)):
            status = statuses[number % len(statuses)]
            owner = None if number % 4 == 0 else rng.choice(members)
            yield Task(
                place=place,
                title=f"{rng.choice(VERBS)} {rng.choice(THINGS)} ({number + 1})",
                owner_id=owner,
                due_on=today + datetime.timedelta(days=rng.randint(-20, 60)),
                stage=rng.choice(Stage.values),
                status=status,
                drop_reason="No longer needed." if status == Status.DROPPED else "",
                done_by_id=owner if status == Status.DONE else None,
                done_at=now if status == Status.DONE else None,
                created_by_id=members[0],
                created_at=now,
                updated_at=now,
            )

    for chunk in batches(rows()):
        Task.objects.bulk_create(chunk)
