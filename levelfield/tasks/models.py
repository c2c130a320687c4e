"""Tasks: what someone in a place will do, by when, and whether it got done.

A task belongs to one place (a collective, a group or a project). It has an owner who
is a member of the place, or nobody: then anyone may take it on. Its status moves
to do -> doing -> done, or to dropped with a reason (a database check), and may be
opened again. It can say what it came from: a decision's next step, a check-in round's
action, a review request's recommendation or an event's agenda item (at most one, a
database check), so the source's page and the task point at each other.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Self

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from levelfield.places.querysets import PlaceOwnedQuerySet
from levelfield.projects.models import Stage

if TYPE_CHECKING:
    from levelfield.people.models import User


class Status(models.TextChoices):
    TODO = "todo", _("To do")
    DOING = "doing", _("Doing")
    DONE = "done", _("Done")
    DROPPED = "dropped", _("Dropped")


OPEN = (Status.TODO, Status.DOING)

# A project's list groups open tasks by research stage, in the cycle's order; the
# index on it (Task.Meta) lets the list read its first page without sorting every task.
STAGE_ORDER = models.Case(
    *[
        models.When(stage=value, then=models.Value(position))
        for position, value in enumerate(Stage.values)
    ],
    default=models.Value(len(Stage.values)),
    output_field=models.IntegerField(),
)

# Where a task can come from: the field on Task, and the word for it in a link's
# query string (`?decision=12`).
SOURCES = {
    "decision": "from_decision",
    "checkin": "from_checkin",
    "review": "from_review",
    "agenda": "from_agenda_item",
}


class TaskQuerySet(PlaceOwnedQuerySet):
    def open(self) -> Self:
        return self.filter(status__in=OPEN)

    def finished(self) -> Self:
        return self.filter(status=Status.DONE)

    def owned_by(self, person: User) -> Self:
        return self.filter(owner=person)

    def for_anyone(self) -> Self:
        return self.filter(owner__isnull=True)


def _at_most_one(fields: list[str]) -> Q:
    """True when no two of `fields` are set."""
    condition = Q()
    for index, first in enumerate(fields):
        for second in fields[index + 1 :]:
            condition &= Q(**{f"{first}__isnull": True}) | Q(**{f"{second}__isnull": True})
    return condition


class Task(models.Model):
    place = models.ForeignKey("places.Place", on_delete=models.CASCADE, related_name="tasks")
    title = models.CharField(_("what needs doing"), max_length=200)
    details = models.TextField(_("details"), blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="tasks_owned",
        help_text=_("Nobody: anyone in the place may take it on."),
    )
    due_on = models.DateField(_("due by"), null=True, blank=True)
    stage = models.CharField(
        _("research stage"),
        max_length=30,
        choices=Stage.choices,
        blank=True,
        help_text=_("A project's tasks may say which stage of the research they belong to."),
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.TODO)
    drop_reason = models.TextField(_("why it was dropped"), blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    done_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    # The one reminder before the due date went then (cleared when the date moves).
    reminded_at = models.DateTimeField(null=True, blank=True)
    from_decision = models.ForeignKey(
        "decisions.Decision", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    from_checkin = models.ForeignKey(
        "reflection.CheckInRound",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    from_review = models.ForeignKey(
        "reviews.ReviewRequest",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    from_agenda_item = models.ForeignKey(
        "events.AgendaItem", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The time recorded when it was marked done, in the place's involvement log.
    involvement_entry = models.ForeignKey(
        "projects.InvolvementEntry",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = TaskQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "id"]
        indexes = [
            models.Index(fields=["place", "status", "due_on"], name="tasks_place_status_due"),
            models.Index(fields=["owner", "status", "due_on"], name="tasks_owner_status_due"),
            models.Index(
                "place",
                STAGE_ORDER,
                "due_on",
                "id",
                condition=Q(status__in=OPEN),
                name="tasks_place_open_stage_due",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=[choice.value for choice in Status]),
                name="tasks_status_known",
            ),
            models.CheckConstraint(
                condition=~Q(status=Status.DROPPED) | ~Q(drop_reason=""),
                name="tasks_dropped_has_a_reason",
            ),
            models.CheckConstraint(
                condition=~Q(status=Status.DONE) | Q(done_at__isnull=False),
                name="tasks_done_has_a_time",
            ),
            models.CheckConstraint(
                condition=_at_most_one(list(SOURCES.values())),
                name="tasks_at_most_one_source",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("tasks:detail", args=[self.place_id, self.pk])

    @property
    def is_open(self) -> bool:
        return self.status in OPEN

    def is_overdue(self, today: object = None) -> bool:
        today = today or timezone.localdate()
        return self.is_open and self.due_on is not None and self.due_on < today

    @property
    def owner_name(self) -> str:
        return self.owner.name if self.owner_id else "Anyone"
