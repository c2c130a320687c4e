"""A project's tasks at data scale: 5,000 tasks in one project (every status, every
research stage, owned by 40 members or left for anyone) — the list grouped by stage
(open, mine, done), a task's page with its history, and the new-task form.

Run by bench/run.py inside a throwaway database. Tasks are bulk-inserted (the services,
with their history, would measure the set-up). Each page is also fetched for a project
with 5 tasks, so the table shows that the number of queries does not grow with the data.
"""

from __future__ import annotations

import datetime
import random

from bench_common import Row
from bench_django import time_page
from bench_pages import _row, _shows, logged_in, team_make
from django.urls import reverse
from django.utils import timezone

from levelfield.projects.models import Project, Stage
from levelfield.tasks import services
from levelfield.tasks.models import Status, Task

TASKS = 5_000
FEW = 5
MEMBERS = 40
SEED = 20_261_205
STATUSES = [Status.TODO, Status.TODO, Status.DOING, Status.DONE, Status.DROPPED]


def _tasks_add(project: Project, people: list, count: int, rng: random.Random) -> Task:
    place = project.place
    now = timezone.now()
    today = timezone.localdate()
    rows = []
    for number in range(count):
        status = STATUSES[number % len(STATUSES)]
        owner = None if number % 4 == 0 else rng.choice(people)
        rows.append(
            Task(
                place=place,
                title=f"Task {number}: send the papers round",
                owner=owner,
                due_on=today + datetime.timedelta(days=rng.randint(-20, 60)),
                stage=rng.choice(Stage.values),
                status=status,
                drop_reason="No longer needed." if status == Status.DROPPED else "",
                done_by=owner if status == Status.DONE else None,
                done_at=now if status == Status.DONE else None,
                created_by=people[0],
                created_at=now,
                updated_at=now,
            )
        )
    Task.objects.bulk_create(rows, batch_size=1_000)
    # One task with a real history (made and changed through the services).
    task = services.task_create(
        place=place,
        actor=people[0],
        values=services.TaskValues(title="Book the hall", owner=people[1]),
    )
    services.task_take(task=task, actor=people[1])
    return task


def task_pages() -> list[Row]:
    rng = random.Random(SEED)
    project, people = team_make("tsk", MEMBERS, rng)
    task = _tasks_add(project, people, TASKS, rng)
    few_project, few_people = team_make("fewtsk", MEMBERS, rng)
    few_task = _tasks_add(few_project, few_people, FEW, rng)
    client, few_client = logged_in(people[1]), logged_in(few_people[1])
    place, few_place = project.place.pk, few_project.place.pk
    listed = reverse("tasks:place_list", args=[place])
    pages = [
        ("tasks:place_list", listed, "Tasks"),
        ("tasks:place_list, mine", listed + "?who=mine", "Tasks"),
        ("tasks:place_list, done", listed + "?state=done", "Done"),
        ("tasks:detail", reverse("tasks:detail", args=[place, task.pk]), "Book the hall"),
        ("tasks:place_create", reverse("tasks:place_create", args=[place]), "Add a task"),
    ]
    few_urls = [
        reverse("tasks:place_list", args=[few_place]),
        reverse("tasks:place_list", args=[few_place]) + "?who=mine",
        reverse("tasks:place_list", args=[few_place]) + "?state=done",
        reverse("tasks:detail", args=[few_place, few_task.pk]),
        reverse("tasks:place_create", args=[few_place]),
    ]
    rows = []
    for (label, url, text), few_url in zip(pages, few_urls, strict=True):
        rows.append(
            _row(
                label,
                TASKS,
                time_page(client, url, check=_shows(text)),
                time_page(few_client, few_url, check=_shows(text)),
            )
        )
    return rows
