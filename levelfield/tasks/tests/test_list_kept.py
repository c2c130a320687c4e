"""The tasks list keeps each row rendered for what it shows (views._rows_prepare): every
change to a task shows on the next page, "You" only in the viewer's own rows, and a task
becomes overdue when the day passes."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from levelfield.tasks import services
from levelfield.tasks.models import Task
from levelfield.tasks.services import TaskValues

pytestmark = pytest.mark.django_db


def _page(person, place, query: str = "") -> str:  # noqa: ANN001
    client = Client()
    client.force_login(person)
    return client.get(reverse("tasks:place_list", args=[place.pk]) + query).content.decode()


def test_taking_editing_and_finishing_a_task_show_in_each_persons_list(world) -> None:  # noqa: ANN001
    place = world.project_place
    task = services.task_create(
        place=place, actor=world.member, values=TaskValues(title="Book the room")
    )
    assert "Anyone</td>" in _page(world.member, place)
    services.task_take(task=task, actor=world.member)
    assert "You</td>" in _page(world.member, place)
    cora_page = _page(world.coordinator, place)
    assert "You</td>" not in cora_page and f"{world.member.name}</td>" in cora_page
    task.refresh_from_db()
    services.task_update(
        task=task,
        actor=world.member,
        values=TaskValues(title="Book the big room", owner=world.member),
    )
    assert "Book the big room" in _page(world.coordinator, place)
    world.member.display_name = "Morwenna"
    world.member.save(update_fields=["display_name"])
    assert "Morwenna</td>" in _page(world.coordinator, place)
    task.refresh_from_db()
    services.task_done(task=task, actor=world.member)
    assert "Book the big room" not in _page(world.coordinator, place)
    assert "Book the big room" in _page(world.coordinator, place, "?state=done")


def test_a_task_shows_overdue_once_its_day_has_passed(world, clock) -> None:  # noqa: ANN001
    place = world.project_place
    services.task_create(
        place=place,
        actor=world.member,
        values=TaskValues(title="Send the minutes", due_on=timezone.localdate()),
    )
    assert "Overdue" not in _page(world.member, place)
    clock.shift(datetime.timedelta(days=1))
    assert "Overdue" in _page(world.member, place)


def test_each_filter_pages_by_its_own_count(world) -> None:  # noqa: ANN001
    place = world.project_place
    Task.objects.bulk_create(
        Task(place=place, title=f"Task {n}", owner=world.member if n % 2 else None)
        for n in range(120)
    )
    assert "page=3" in _page(world.member, place)  # 120 open tasks: three pages of 50
    mine = _page(world.member, place, "?who=mine")
    assert "page=2" in mine and "page=3" not in mine  # 60 of them: two pages of 50
    assert "page=2" in _page(world.member, place, "?who=anyone")
    assert "page=2" not in _page(world.member, place, "?state=done")
