"""Reminders before the due date (once for each task and date), tasks on the owner's
home page, and the count of who does the work."""

from __future__ import annotations

import datetime

from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from levelfield.collectives.tests.factories import CollectiveMembershipFactory
from levelfield.notifications.models import Notification
from levelfield.people.models import PerspectiveKind, Visibility
from levelfield.people.tests.factories import PerspectiveFactory, UserFactory
from levelfield.projects.tests.factories import ProjectMembershipFactory
from levelfield.tasks import personal, services
from levelfield.tasks.figures import tasks_done_by_perspective
from levelfield.tasks.models import Task
from levelfield.tasks.services import TaskValues


def _task(world, days: int | None, owner=None, **values) -> Task:  # noqa: ANN001
    today = timezone.localdate()
    return services.task_create(
        place=world.project_place,
        actor=world.coordinator,
        values=TaskValues(
            title=values.pop("title", "Book the room"),
            owner=owner,
            due_on=today + datetime.timedelta(days=days) if days is not None else None,
            **values,
        ),
    )


def test_the_owner_is_reminded_once_the_day_before(
    world, clock, mailoutbox, django_capture_on_commit_callbacks
) -> None:  # noqa: ANN001
    tomorrow = _task(world, 1, world.member, title="Due tomorrow")
    _task(world, 5, world.member, title="Due later")
    _task(world, 1, None, title="Nobody's yet")
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.tasks_remind_due() == 1
        assert services.tasks_remind_due() == 0  # run again: nothing more
        call_command("send_task_reminders")
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [world.member.email]
    assert "Due tomorrow" in mailoutbox[0].subject
    assert tomorrow.get_absolute_url() in mailoutbox[0].body


def test_a_new_date_gets_a_new_reminder_and_done_tasks_get_none(
    world, clock, django_capture_on_commit_callbacks
) -> None:  # noqa: ANN001
    task = _task(world, 0, world.member)
    done = _task(world, 0, world.member, title="Done already")
    services.task_done(task=done, actor=world.member)
    assert services.tasks_remind_due() == 1
    services.task_update(
        task=task,
        actor=world.member,
        values=TaskValues(title=task.title, owner=world.member, due_on=timezone.localdate()),
    )
    assert services.tasks_remind_due() == 0  # the same date: not again
    services.task_update(
        task=task,
        actor=world.member,
        values=TaskValues(
            title=task.title,
            owner=world.member,
            due_on=timezone.localdate() + datetime.timedelta(days=1),
        ),
    )
    assert services.tasks_remind_due() == 1
    assert Notification.objects.filter(kind="task_due").count() == 2


def test_opening_pages_sends_no_reminder(client, world, clock) -> None:  # noqa: ANN001
    task = _task(world, -2, world.member)
    client.force_login(world.member)
    client.get(task.get_absolute_url())
    client.get(reverse("home"))
    assert not Notification.objects.filter(kind="task_due").exists()


def test_your_overdue_and_soon_due_tasks_are_on_your_home(client, world, clock) -> None:  # noqa: ANN001
    _task(world, -2, world.member, title="Send the minutes")
    _task(world, 3, world.member, title="Book the hall")
    _task(world, 30, world.member, title="Far away")
    _task(world, 1, world.coordinator, title="Cora's own")
    _task(world, 1, None, title="For anyone")
    needs = personal.needs(world.member)
    assert [need.label for need in needs] == [
        f"Overdue since {(timezone.localdate() - datetime.timedelta(days=2)):%-d %B %Y}: "
        "Send the minutes",
        "Your task: Book the hall",
    ]
    client.force_login(world.member)
    page = client.get(reverse("home")).content.decode()
    assert "Send the minutes" in page
    assert "Cora's own" not in page
    # The coordinator sees their own tasks, nothing more.
    assert [need.label for need in personal.needs(world.coordinator)] == ["Your task: Cora's own"]


def test_a_former_members_tasks_leave_their_home(world, clock) -> None:  # noqa: ANN001
    task = _task(world, 1, world.member)
    Task.objects.filter(pk=task.pk).update(owner=world.former)
    assert personal.needs(world.former) == []


def test_who_does_the_work_is_split_by_perspective_only_when_groups_are_big_enough(
    world,
) -> None:  # noqa: ANN001
    def person(kind: str):  # noqa: ANN202
        someone = UserFactory(perspectives_visibility=Visibility.MY_TEAMS)
        CollectiveMembershipFactory(collective=world.collective, person=someone)
        PerspectiveFactory(person=someone, kind=kind)
        ProjectMembershipFactory(project=world.project, person=someone)
        return someone

    public = [person(PerspectiveKind.CARER) for _ in range(5)]
    professionals = [person(PerspectiveKind.RESEARCHER) for _ in range(5)]
    for doer in public + professionals + public[:2]:
        task = _task(world, None, doer)
        services.task_done(task=task, actor=doer)
    now = timezone.now()
    period = {"start": now - datetime.timedelta(days=1), "end": now + datetime.timedelta(days=1)}
    figures = tasks_done_by_perspective(place=world.project_place, **period)
    assert figures["tasks"] == 12
    assert figures["people"] == 10
    assert figures["split"] is True
    assert {row["group"]: (row["people"], row["tasks"]) for row in figures["by_group"]} == {
        "Public contributors": (5, 7),
        "Researchers and practitioners": (5, 5),
    }
    assert tasks_done_by_perspective(collective_id=world.collective.pk, **period)["tasks"] == 12
    # One person who shares no perspective is too few to show apart: only the totals.
    services.task_done(task=_task(world, None, world.member), actor=world.member)
    later = tasks_done_by_perspective(place=world.project_place, **period)
    assert (later["tasks"], later["people"], later["split"], later["by_group"]) == (
        13,
        11,
        False,
        [],
    )
    before = {"start": now - datetime.timedelta(days=9), "end": now - datetime.timedelta(days=8)}
    assert tasks_done_by_perspective(place=world.project_place, **before) == {
        "tasks": 0,
        "people": None,
        "split": False,
        "by_group": [],
    }


def test_the_reports_say_how_many_tasks_were_done_and_by_how_many(world) -> None:  # noqa: ANN001
    from levelfield.reports.figures import Scope, figures_for
    from levelfield.reports.models import Kind
    from levelfield.reports.sections import statements_for

    for _ in range(3):
        services.task_done(task=_task(world, None, world.member), actor=world.member)
    figures = figures_for(Scope(collective=world.collective, project=world.project))
    assert figures["tasks"]["tasks"] == 3
    said = [row["text"] for row in statements_for(Kind.GRIPP2, figures)["methods"]]
    assert "3 tasks done by fewer than 5 people." in said
    annual = figures_for(Scope(collective=world.collective, year=timezone.localdate().year))
    said = [row["text"] for row in statements_for(Kind.ANNUAL, annual)["people"]]
    assert "3 tasks done by fewer than 5 people." in said
