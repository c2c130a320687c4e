"""Two people taking on the same "anyone" task at the same moment, on PostgreSQL: one
gets it, the other is told; two workers reminding at once remind once."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from levelfield.collectives.tests.threads import CONCURRENCY_MARKS, at_once
from levelfield.history.models import Change
from levelfield.notifications.models import Notification
from levelfield.tasks import services
from levelfield.tasks.models import Status, Task
from levelfield.tasks.services import TaskError, TaskValues

pytestmark = CONCURRENCY_MARKS


def test_two_people_taking_the_same_anyone_task_at_once_one_gets_it(world) -> None:  # noqa: ANN001
    task = services.task_create(
        place=world.project_place, actor=world.member, values=TaskValues(title="Book the room")
    )
    people = [world.member, world.coordinator]
    results = at_once(2, lambda n: services.task_take(task=task, actor=people[n]))
    taken = [result for result in results if isinstance(result, Task)]
    refused = [result for result in results if isinstance(result, TaskError)]
    assert (len(taken), len(refused)) == (1, 1)
    task.refresh_from_db()
    assert task.status == Status.DOING
    assert task.owner == taken[0].owner
    assert Change.objects.filter(action="task_taken", subject_id=task.pk).count() == 1


def test_two_workers_reminding_at_once_remind_once(world) -> None:  # noqa: ANN001
    services.task_create(
        place=world.project_place,
        actor=world.member,
        values=TaskValues(
            title="Send the papers",
            owner=world.member,
            due_on=timezone.localdate() + datetime.timedelta(days=1),
        ),
    )
    results = at_once(3, lambda n: services.tasks_remind_due())
    assert sorted(results) == [0, 0, 1]
    assert Notification.objects.filter(kind="task_due").count() == 1


@pytest.fixture
def world(world):  # noqa: ANN001, ANN201 - the same world, committed for real connections
    return world
