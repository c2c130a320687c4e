"""The tasks app's part of a person's data download, erasure and home (see manifest.py)."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from levelfield.lib.manifests import NEEDS_SHOWN, ErasureContext, Need, export_rows
from levelfield.lib.words import day
from levelfield.places.models import Place, PlaceKind
from levelfield.tasks.models import Task
from levelfield.tasks.services import DUE_SOON_DAYS


def export(person: Any) -> dict[str, list[dict]]:
    return {
        "tasks_you_own": export_rows(
            Task.objects.filter(owner=person),
            task="title",
            details="details",
            due="due_on",
            status="status",
        ),
        "tasks_you_did": export_rows(
            Task.objects.filter(done_by=person), task="title", done="done_at"
        ),
        "tasks_you_added": export_rows(
            Task.objects.filter(created_by=person), task="title", added="created_at"
        ),
    }


def erase(context: ErasureContext) -> None:
    """Tasks stay with their place (the work was the team's): the links to the person go
    by SET_NULL when their row is deleted (an owned open task becomes anyone's), and
    their names go from the words of tasks in the places where they were."""
    tasks = Task.objects.filter(
        Q(place__project_id__in=context.project_ids)
        | Q(
            place__kind__in=[PlaceKind.COLLECTIVE, PlaceKind.GROUP],
            place__collective_id__in=context.collective_ids,
        )
    )
    context.forget(tasks, ["title", "details", "drop_reason"])


def needs(person: Any) -> list[Need]:
    """The person's own open tasks that are overdue or due within a week, soonest first,
    in places they are still in."""
    today = timezone.localdate()
    due = (
        Task.objects.visible_to(person)
        .open()
        .owned_by(person)
        .filter(due_on__lte=today + datetime.timedelta(days=DUE_SOON_DAYS))
        .with_place()
        # Only the columns the home shows: compiling every column of the joined tables
        # cost more than running the query.
        .only(
            "title",
            "due_on",
            *Place.name_columns("place__"),
        )
        .order_by("due_on", "pk")[:NEEDS_SHOWN]
    )
    return [
        Need(
            label=(
                _("Overdue since %(day)s: %(title)s")
                % {"day": day(task.due_on), "title": task.title}
                if task.due_on < today
                else _("Your task: %(title)s") % {"title": task.title}
            ),
            url=reverse("tasks:detail", args=[task.place_id, task.pk]),
            place=task.place.name,
            due=task.due_on,
            kind="task",
        )
        for task in due
    ]
