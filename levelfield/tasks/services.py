"""Changes to tasks: each one thing a person does, in one transaction with its entry in
the change history. Each re-checks that the person is a member of the task's place.

A task's status moves only here, with its row locked, so two people taking on the same
"anyone" task at once cannot both get it:

    to do -> doing (someone takes it on) -> done (with the time it took, if they say)
    to do or doing -> dropped (with a reason); done or dropped -> to do (opened again).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Model
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from levelfield.history.services import change_record
from levelfield.lib.words import day
from levelfield.notifications.services import notification_send
from levelfield.people.language import language_of
from levelfield.people.models import User
from levelfield.places.access import is_place_member, place_member_ids
from levelfield.places.models import Place, PlaceKind
from levelfield.places.services import EntryValues, involvement_entry_write
from levelfield.projects.models import ActivityKind
from levelfield.tasks.models import OPEN, SOURCES, Status, Task

# The owner is reminded this many days before the due date (once).
REMINDER_DAYS_BEFORE = 1
# On the home page, a person's open tasks due within this many days (and overdue ones).
DUE_SOON_DAYS = 7
# The most time one person records for a task in one go.
MOST_MINUTES = 24 * 60


class TaskError(ValidationError):
    """Something a person asked for that cannot be done, in words to show them."""


@dataclass(frozen=True)
class TaskValues:
    """What a person writes about a task."""

    title: str
    details: str = ""
    owner: User | None = None
    due_on: datetime.date | None = None
    stage: str = ""


# Sources: what a task came from


def source_find(*, place: Place, kind: str, pk: object) -> Model | None:
    """The decision, check-in round, review request or agenda item `pk` of `kind`, if it
    belongs to `place` (a task is made in the place its source is in), else None."""
    from levelfield.decisions.models import Decision
    from levelfield.events.models import AgendaItem
    from levelfield.reflection.models import CheckInRound
    from levelfield.reviews.models import ReviewRequest

    try:
        number = int(str(pk))
    except ValueError:
        return None
    found = {
        "decision": Decision.objects.filter(place=place),
        "checkin": CheckInRound.objects.filter(place=place),
        "review": ReviewRequest.objects.filter(group__place=place),
        "agenda": AgendaItem.objects.filter(event__place=place).select_related("event"),
    }.get(kind)
    if found is None:
        return None
    return found.filter(pk=number).first()


def source_prefill(kind: str, source: Any) -> dict[str, str]:
    """The title and details a new task starts with, from what it comes from."""
    if kind == "decision":
        outcome = getattr(source, "outcome", None)
        return {
            "title": (_("Next step from “%(title)s”") % {"title": source.title})[:200],
            "details": outcome.next_steps if outcome is not None else "",
        }
    if kind == "checkin":
        action = source.actions.order_by("-recorded_at", "-id").first()
        return {
            "title": (_("Action from the check-in “%(title)s”") % {"title": source.title})[:200],
            "details": action.text if action is not None else "",
        }
    if kind == "review":
        response = getattr(source, "response", None)
        return {
            "title": (
                _("Recommendation from the review of “%(title)s”")
                % {"title": source.project_title}
            )[:200],
            "details": response.text if response is not None and response.sent_at else "",
        }
    return {"title": source.title[:200], "details": source.detail}


def source_of(task: Task) -> tuple[str, str] | None:
    """(what the task came from, in words; its address), or None."""
    if task.from_decision_id:
        return (
            _("The decision “%(title)s”") % {"title": task.from_decision.title},
            reverse("decisions:detail", args=[task.from_decision_id]),
        )
    if task.from_checkin_id:
        return (
            _("The check-in “%(title)s”") % {"title": task.from_checkin.title},
            reverse("reflection:detail", args=[task.from_checkin_id]),
        )
    if task.from_review_id:
        return (
            _("The review of “%(title)s”") % {"title": task.from_review.project_title},
            reverse("reviews:request", args=[task.from_review_id]),
        )
    if task.from_agenda_item_id:
        item = task.from_agenda_item
        return (
            _("The agenda item “%(title)s” at %(event)s")
            % {"title": item.title, "event": item.event.title},
            reverse("events:agenda", args=[item.event_id]),
        )
    return None


# Changes


def task_create(
    *,
    place: Place,
    actor: User,
    values: TaskValues,
    source: tuple[str, Model] | None = None,
) -> Task:
    """A new task in `place`, optionally made from `source` (kind, object)."""
    _require_member(actor, place)
    _check(place, values)
    links: dict[str, Model] = {}
    if source is not None:
        kind, found = source
        if source_find(place=place, kind=kind, pk=found.pk) is None:
            raise TaskError(_("What this task comes from is not in this place."))
        links[SOURCES[kind]] = found
    now = timezone.now()
    with transaction.atomic():
        task = Task.objects.create(
            place=place,
            created_by=actor,
            created_at=now,
            updated_at=now,
            **values.__dict__,
            **links,
        )
        _record(task, actor, "task_created", f"{actor.name} added the task “{task.title}”")
        _tell_new_owner(task, actor, None)
    return task


def task_update(*, task: Task, actor: User, values: TaskValues) -> Task:
    """Change what a task says, who does it and by when."""
    _require_member(actor, task.place)
    _check(task.place, values)
    with transaction.atomic():
        locked = _locked(task)
        before = _snapshot(locked)
        previous_owner = locked.owner_id
        if values.due_on != locked.due_on:
            locked.reminded_at = None  # a new date gets its own reminder
        for field, value in values.__dict__.items():
            setattr(locked, field, value)
        locked.updated_at = timezone.now()
        locked.save()
        summary = f"{actor.name} changed the task “{locked.title}”"
        _record(locked, actor, "task_updated", summary, before)
        _tell_new_owner(locked, actor, previous_owner)
    return locked


def task_take(*, task: Task, actor: User) -> Task:
    """`actor` takes the task on: it becomes theirs and is being done. Refused when
    someone else already has it (two people at once: the second is told)."""
    _require_member(actor, task.place)
    with transaction.atomic():
        locked = _locked(task)
        if locked.owner_id not in (None, actor.pk):
            raise TaskError(_("%(name)s has already taken this on.") % {"name": locked.owner.name})
        if locked.status not in OPEN:
            raise TaskError(_("This task is not open: open it again first."))
        before = _snapshot(locked)
        locked.owner = actor
        locked.status = Status.DOING
        locked.updated_at = timezone.now()
        locked.save()
        _record(
            locked, actor, "task_taken", f"{actor.name} took on the task “{locked.title}”", before
        )
    return locked


def task_done(
    *,
    task: Task,
    actor: User,
    minutes: int = 0,
    activity: str = ActivityKind.OTHER,
    today: datetime.date | None = None,
) -> Task:
    """Mark the task done by `actor`. With `minutes`, their time goes into the place's
    involvement log in the same step (claimable like any other involvement)."""
    _require_member(actor, task.place)
    if not 0 <= minutes <= MOST_MINUTES:
        raise TaskError(_("Enter a time of 24 hours or less."))
    if activity not in ActivityKind.values:
        raise TaskError(_("Choose what kind of work it was."))
    with transaction.atomic():
        locked = _locked(task)
        if locked.status not in OPEN:
            raise TaskError(_("This task is already done or dropped."))
        before = _snapshot(locked)
        now = timezone.now()
        locked.status = Status.DONE
        locked.done_by = actor
        locked.done_at = now
        locked.updated_at = now
        if locked.owner_id is None:
            locked.owner = actor
        if minutes:
            locked.involvement_entry = involvement_entry_write(
                place=locked.place,
                actor=actor,
                values=EntryValues(
                    title=(_("Task: %(title)s") % {"title": locked.title})[:200],
                    happened_on=today or timezone.localdate(),
                    kind=activity,
                    stage=locked.stage if locked.place.kind == PlaceKind.PROJECT else "",
                    description=locked.details[:2000],
                ),
                participants={actor.pk: minutes},
                summary=f"{actor.name} recorded their time on the task “{locked.title}”",
            )
        locked.save()
        _record(locked, actor, "task_done", f"{actor.name} did the task “{locked.title}”", before)
    return locked


def task_drop(*, task: Task, actor: User, reason: str) -> Task:
    """Drop the task, saying why (kept with it)."""
    _require_member(actor, task.place)
    reason = reason.strip()
    if not reason:
        raise TaskError(_("Say why the task is dropped."))
    with transaction.atomic():
        locked = _locked(task)
        if locked.status not in OPEN:
            raise TaskError(_("This task is already done or dropped."))
        before = _snapshot(locked)
        locked.status = Status.DROPPED
        locked.drop_reason = reason
        locked.updated_at = timezone.now()
        locked.save()
        summary = f"{actor.name} dropped the task “{locked.title}”"
        _record(locked, actor, "task_dropped", summary, before)
    return locked


def task_reopen(*, task: Task, actor: User) -> Task:
    """Open a done or dropped task again (its time in the log stays: it was spent)."""
    _require_member(actor, task.place)
    with transaction.atomic():
        locked = _locked(task)
        if locked.status in OPEN:
            return locked
        before = _snapshot(locked)
        locked.status = Status.TODO
        locked.drop_reason = ""
        locked.done_by = None
        locked.done_at = None
        locked.updated_at = timezone.now()
        locked.save()
        _record(
            locked,
            actor,
            "task_reopened",
            f"{actor.name} opened the task “{locked.title}” again",
            before,
        )
    return locked


def task_delete(*, task: Task, actor: User) -> None:
    """Delete the task; the history keeps that it existed and who deleted it."""
    _require_member(actor, task.place)
    with transaction.atomic():
        locked = _locked(task)
        _record(
            locked,
            actor,
            "task_deleted",
            f"{actor.name} deleted the task “{locked.title}”",
            _snapshot(locked),
            after={},
        )
        locked.delete()


# Reminders


def tasks_remind_due(*, now: datetime.datetime | None = None) -> int:
    """Remind each owner of an open task due within `REMINDER_DAYS_BEFORE` days, once
    per task and due date. Safe to run as often as you like."""
    now = now or timezone.now()
    near = timezone.localdate(now) + datetime.timedelta(days=REMINDER_DAYS_BEFORE)
    ids = list(
        Task.objects.open()
        .filter(owner__isnull=False, reminded_at__isnull=True, due_on__lte=near)
        .values_list("pk", flat=True)
    )
    return sum(task_remind(pk=pk, now=now) for pk in ids)


def task_remind(*, pk: int, now: datetime.datetime | None = None) -> int:
    """The one reminder for one task, marked sent in the same transaction."""
    now = now or timezone.now()
    with transaction.atomic():
        task = (
            Task.objects.select_for_update(of=("self",))
            .select_related("owner", "place__collective", "place__project")
            .filter(pk=pk)
            .first()
        )
        if task is None or task.reminded_at or task.owner is None or task.status not in OPEN:
            return 0
        task.reminded_at = now
        task.save(update_fields=["reminded_at"])
        overdue = task.due_on < timezone.localdate(now)
        # Worded in the owner's language, as the email around it is.
        with translation.override(language_of(task.owner)):
            words = {"title": task.title, "day": day(task.due_on), "place": task.place.name}
            subject = (
                _("Task overdue %(day)s: %(title)s")
                if overdue
                else _("Task due %(day)s: %(title)s")
            ) % words
            message = (
                _(
                    "You said you would do “%(title)s” for %(place)s by %(day)s. Mark it done "
                    "when it is, or change the date or hand it on so someone else can pick it up."
                )
                % words
            )
        notification_send(
            kind="task_due",
            person=task.owner,
            context={"subject": subject[:150], "message": message},
            url=reverse("tasks:detail", args=[task.place_id, task.pk]),
            now=now,
        )
        return 1


# Helpers


def is_member(person: User, place: Place) -> bool:
    return is_place_member(person, place.pk)


def _require_member(person: User, place: Place) -> None:
    if not getattr(person, "is_authenticated", False) or not is_member(person, place):
        raise PermissionDenied(_("Only the place's members work on its tasks."))


def _check(place: Place, values: TaskValues) -> None:
    if (
        values.owner is not None
        and not place_member_ids(place).filter(person_id=values.owner.pk).exists()
    ):
        raise TaskError(_("Choose someone in this place, or nobody so anyone can take it on."))
    if values.stage and place.kind != PlaceKind.PROJECT:
        raise TaskError(_("Only a project's tasks have a research stage."))


def _locked(task: Task) -> Task:
    """The task, locked. Its owner is read after the lock, never joined into the locking
    query: when someone else took the task while we waited, PostgreSQL re-reads the task
    row but not the rows joined to it, so a joined owner would still be the old one."""
    return (
        Task.objects.select_for_update(of=("self",))
        .select_related("place__collective", "place__project")
        .get(pk=task.pk)
    )


def _snapshot(task: Task) -> dict[str, Any]:
    return {
        "title": task.title,
        "details": task.details,
        "owner": task.owner.name if task.owner_id else "anyone",
        "due": task.due_on.isoformat() if task.due_on else "",
        "stage": task.stage,
        "status": task.status,
        "drop_reason": task.drop_reason,
    }


def tasks_hand_back(place: Place, person: User) -> None:
    """The open tasks the person owned in a place they leave become anyone's, each in the
    history (the manifest's `leaving`, called inside the leaving transaction)."""
    owned = (
        Task.objects.select_for_update(of=("self",))
        .filter(place=place, owner=person, status__in=OPEN)
        .select_related("place__collective", "place__project")
    )
    for task in owned:
        before = _snapshot(task)
        task.owner = None
        if task.status == Status.DOING:
            task.status = Status.TODO
        task.save(update_fields=["owner", "status"])
        _record(
            task,
            person,
            "task_handed_back",
            f"{person.name} left, so “{task.title}” is anyone’s to pick up",
            before=before,
        )


def _record(
    task: Task,
    actor: User,
    action: str,
    summary: str,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> None:
    change_record(
        actor=actor,
        action=action,
        summary=summary,
        subject=task,
        **task.place.history_scope(),
        before=before or {},
        after=_snapshot(task) if after is None else after,
    )


def _tell_new_owner(task: Task, actor: User, previous_owner: int | None) -> None:
    """Someone asked to do a task by someone else hears about it (after the commit)."""
    if task.owner_id is None or task.owner_id in (previous_owner, actor.pk):
        return
    # Worded in the new owner's language, as the email around it is.
    with translation.override(language_of(task.owner)):
        words = {"name": actor.name, "title": task.title, "place": task.place.name}
        if task.due_on:
            asks = _("%(name)s asks you to do “%(title)s” for %(place)s by %(day)s.") % {
                **words,
                "day": day(task.due_on),
            }
        else:
            asks = _("%(name)s asks you to do “%(title)s” for %(place)s.") % words
        subject = _("A task for you: %(title)s") % words
        message = asks + " " + _("If you cannot, hand it on or leave it for anyone to pick up.")
    notification_send(
        kind="task_assigned",
        person=task.owner,
        context={"subject": subject[:150], "message": message},
        url=reverse("tasks:detail", args=[task.place_id, task.pk]),
    )
