"""Who may reach a task: the members of its place (everyone else gets a 404)."""

from __future__ import annotations

from django.shortcuts import get_object_or_404

from levelfield.people.models import User
from levelfield.places.access import place_for_member
from levelfield.tasks.models import Task


def task_for_member(person: User, place_pk: int, pk: int) -> Task:
    """The task, with its place and people, if `person` is a member of its place."""
    place = place_for_member(person, place_pk)
    task = get_object_or_404(
        Task.objects.in_place(place).select_related(
            "owner",
            "done_by",
            "created_by",
            "from_decision",
            "from_checkin",
            "from_review",
            "from_agenda_item__event",
            "involvement_entry",
        ),
        pk=pk,
    )
    task.place = place
    return task
