"""What the tasks app adds to the whole: see levelfield/lib/manifests.py."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from levelfield.lib.manifests import (
    AppManifest,
    Erasure,
    NavigationEntry,
    PersonField,
    demo_module,
    scale_module,
)
from levelfield.tasks import personal, services
from levelfield.tasks.models import Task


def _open_tasks(place: Any) -> int | None:
    """How many tasks are open in the place, in one query."""
    return Task.objects.in_place(place).open().count() or None


MANIFEST = AppManifest(
    label="tasks",
    navigation=(
        NavigationEntry(
            label=_("Tasks"),
            section="make",
            url=lambda place: reverse("tasks:place_list", args=[place.pk]),
            hint=_("Who will do what, by when: take one on, mark it done with the time it took."),
            order=5,
            count=_open_tasks,
        ),
    ),
    needs=personal.needs,
    leaving=services.tasks_hand_back,
    export=personal.export,
    erase=personal.erase,
    person_fields=(
        PersonField(
            "tasks.Task.owner",
            "tasks_you_own",
            Erasure.ANONYMISE,
            "the task stays with its place, for anyone to pick up",
        ),
        PersonField("tasks.Task.done_by", "tasks_you_did", Erasure.ANONYMISE),
        PersonField("tasks.Task.created_by", "tasks_you_added", Erasure.ANONYMISE),
    ),
    demo=demo_module("levelfield.tasks.demo"),
    demo_after=("decisions", "reflection", "events", "places", "projects"),
    scale=scale_module("levelfield.tasks.scale"),
    scale_after=("projects",),
)
