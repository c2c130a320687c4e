"""Pages for a place's tasks: the list (filtered, grouped by research stage in a project,
paged), adding a task (from nothing, or in one step from a decision, a check-in, a
review request or an agenda item), a task's page, editing, taking it on, marking it
done (with the time it took), dropping it with a reason, opening it again, deleting it.

Every page starts with `place_for_member` or `task_for_member`, so people outside the
place get a 404. No page writes when opened.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from levelfield.history.models import Change
from levelfield.lib import cache, words
from levelfield.lib.forms import posted
from levelfield.lib.paging import page_or_404
from levelfield.people.models import User
from levelfield.places.access import place_for_member
from levelfield.places.models import Place, PlaceKind
from levelfield.projects.models import Stage
from levelfield.tasks import services
from levelfield.tasks.access import task_for_member
from levelfield.tasks.forms import DoneForm, DropForm, TaskForm
from levelfield.tasks.models import OPEN, SOURCES, STAGE_ORDER, Status, Task

GET_AND_POST = require_http_methods(["GET", "HEAD", "POST"])
PER_PAGE = 50
CHANGES_SHOWN = 20
WHO = {
    "everyone": gettext_lazy("Everyone’s"),
    "mine": gettext_lazy("Mine"),
    "anyone": gettext_lazy("Anyone’s (not taken yet)"),
}
STATE = {
    "open": gettext_lazy("To do or doing"),
    "done": gettext_lazy("Done"),
    "dropped": gettext_lazy("Dropped"),
    "all": gettext_lazy("All"),
}


# What a row of the list shows (not the description, nor where the task came from).
_ROW_SHOWN = (
    "place_id",
    "title",
    "owner_id",
    "owner__display_name",
    "owner__email",
    "due_on",
    "status",
    "stage",
    "updated_at",
)


# Kept rows never go stale (the key holds what they show); a day lets unused ones go.
ROW_SECONDS = 24 * 60 * 60


def _rows_prepare(tasks: list[Task], place: Place, viewer: User, today: date) -> None:
    """Each row's stage as text (for the grouping) and its HTML, kept for a digest of
    what it shows (`lib/cache.digested_many`), the viewer's part included ("You" in
    their own rows): fifty rows of links, dates, names and status tags made most of the
    list's time, and come out the same until the task changes."""
    base = reverse("tasks:place_list", args=[place.pk])
    stages = {value: str(label) for value, label in Stage.choices}
    for task in tasks:
        task.stage_label = stages.get(task.stage, task.stage)
    rows = [_row(task, base, viewer, today) for task in tasks]
    kept = cache.digested_many("tasks:row", rows, seconds=ROW_SECONDS)
    for task, html in zip(tasks, kept, strict=True):
        task.shown = mark_safe(html)  # noqa: S308 -- escaped by the template


def _row(
    task: Task, base: str, viewer: User, today: date
) -> tuple[tuple[object, ...], Callable[[], str]]:
    """What one row of the list shows, and how to render it (see _rows_prepare)."""
    shown = (
        base,
        task.pk,
        task.title,
        task.owner_id,
        task.owner.name if task.owner_id else None,
        task.owner_id == viewer.pk,
        task.due_on,
        task.status,
        task.is_overdue(today),
    )

    def render() -> str:
        task.url = f"{base}{task.pk}/"
        task.due_text = words.day(task.due_on) if task.due_on is not None else ""
        context = {"task": task, "viewer_id": viewer.pk, "today": today}
        return render_to_string("tasks/includes/row.html", context)

    return shown, render


@login_required
@require_safe
def task_list(request: HttpRequest, place_pk: int) -> HttpResponse:
    """The place's tasks, a page at a time, filtered by whose and by status."""
    place = place_for_member(request.user, place_pk)
    who = request.GET.get("who", "everyone")
    who = who if who in WHO else "everyone"
    state = request.GET.get("state", "open")
    state = state if state in STATE else "open"
    tasks = Task.objects.in_place(place).select_related("owner")
    if who == "mine":
        tasks = tasks.owned_by(request.user)
    elif who == "anyone":
        tasks = tasks.for_anyone()
    if state == "open":
        tasks = tasks.open()
    elif state != "all":
        tasks = tasks.filter(status=state)
    grouped = place.kind == PlaceKind.PROJECT
    order = ["due_on", "id"]
    if state in ("done", "dropped"):
        order = ["-updated_at", "-id"]
    if grouped:
        tasks = tasks.annotate(stage_order=STAGE_ORDER).order_by("stage_order", *order)
    else:
        tasks = tasks.order_by(*order)
    tasks = tasks.only(*_ROW_SHOWN)
    counts = Task.objects.in_place(place).aggregate(
        open=Count("pk", filter=Q(status__in=OPEN)),
        done=Count("pk", filter=Q(status=Status.DONE)),
        mine=Count("pk", filter=Q(status__in=OPEN, owner=request.user)),
        anyone=Count("pk", filter=Q(status__in=OPEN, owner__isnull=True)),
    )
    # The pager's count is one of these for the usual filters (saving its COUNT query).
    shown_count = {
        ("everyone", "open"): counts["open"],
        ("mine", "open"): counts["mine"],
        ("anyone", "open"): counts["anyone"],
        ("everyone", "done"): counts["done"],
    }.get((who, state))
    page = page_or_404(request, tasks, PER_PAGE, count=shown_count)
    page.object_list = list(page.object_list)
    today = timezone.localdate()
    _rows_prepare(page.object_list, place, request.user, today)
    return render(
        request,
        "tasks/list.html",
        {
            "place": place,
            "page": page,
            "grouped": grouped,
            "who": who,
            "state": state,
            "who_choices": WHO,
            "state_choices": STATE,
            "counts": counts,
            "today": today,
        },
    )


def _source(request: HttpRequest, place: Place) -> tuple[str, Any] | None:
    """What the new task comes from, named in the address (`?decision=12`); 404 when it
    names something that is not in this place."""
    for kind in SOURCES:
        if kind in request.GET:
            found = services.source_find(place=place, kind=kind, pk=request.GET[kind])
            if found is None:
                raise Http404("No such thing to make a task from in this place.")
            return kind, found
    return None


@login_required
@GET_AND_POST
def task_create(request: HttpRequest, place_pk: int) -> HttpResponse:
    place = place_for_member(request.user, place_pk)
    source = _source(request, place)
    initial = services.source_prefill(*source) if source else {}
    form = TaskForm(posted(request), initial=initial, place=place)
    if request.method == "POST" and form.is_valid():
        try:
            task = services.task_create(
                place=place, actor=request.user, values=form.values(), source=source
            )
        except services.TaskError as error:
            form.add_error(None, error.messages[0])
        else:
            messages.success(request, _("Task added."))
            return redirect(task)
    origin = services.source_of(_unsaved_from(source)) if source else None
    return render(
        request,
        "tasks/form.html",
        {"place": place, "form": form, "origin": origin},
        status=400 if form.errors else 200,
    )


def _unsaved_from(source: tuple[str, Any]) -> Task:
    """A task not yet saved, linked to `source`, to say what it comes from."""
    kind, found = source
    task = Task()
    setattr(task, SOURCES[kind], found)
    return task


@login_required
@require_safe
def task_detail(request: HttpRequest, place_pk: int, pk: int) -> HttpResponse:
    task = task_for_member(request.user, place_pk, pk)
    changes = (
        Change.objects.filter(subject_type="task", subject_id=task.pk)
        .select_related("actor")
        .order_by("-at", "-id")[:CHANGES_SHOWN]
    )
    return render(
        request,
        "tasks/detail.html",
        {
            "place": task.place,
            "task": task,
            "origin": services.source_of(task),
            "changes": changes,
            "today": timezone.localdate(),
        },
    )


@login_required
@GET_AND_POST
def task_edit(request: HttpRequest, place_pk: int, pk: int) -> HttpResponse:
    task = task_for_member(request.user, place_pk, pk)
    initial = {
        "title": task.title,
        "details": task.details,
        "owner": str(task.owner_id or ""),
        "due_on": task.due_on,
        "stage": task.stage,
    }
    form = TaskForm(posted(request), initial=initial, place=task.place)
    if request.method == "POST" and form.is_valid():
        try:
            services.task_update(task=task, actor=request.user, values=form.values())
        except services.TaskError as error:
            form.add_error(None, error.messages[0])
        else:
            messages.success(request, _("Task changed."))
            return redirect(task)
    return render(
        request,
        "tasks/form.html",
        {"place": task.place, "form": form, "task": task},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def task_take(request: HttpRequest, place_pk: int, pk: int) -> HttpResponse:
    task = task_for_member(request.user, place_pk, pk)
    try:
        services.task_take(task=task, actor=request.user)
    except services.TaskError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("You have taken this on."))
    return redirect(task)


@login_required
@require_POST
def task_reopen(request: HttpRequest, place_pk: int, pk: int) -> HttpResponse:
    task = task_for_member(request.user, place_pk, pk)
    services.task_reopen(task=task, actor=request.user)
    messages.success(request, _("Task opened again."))
    return redirect(task)


@login_required
@GET_AND_POST
def task_done(request: HttpRequest, place_pk: int, pk: int) -> HttpResponse:
    task = task_for_member(request.user, place_pk, pk)
    if not task.is_open:
        messages.error(request, _("This task is already done or dropped."))
        return redirect(task)
    form = DoneForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.task_done(
                task=task,
                actor=request.user,
                minutes=form.cleaned_data["total_minutes"],
                activity=form.cleaned_data["activity"],
            )
        except services.TaskError as error:
            form.add_error(None, error.messages[0])
        else:
            if form.cleaned_data["total_minutes"]:
                messages.success(
                    request,
                    _(
                        "Task done, and your time is in the involvement log: you can claim "
                        "for it from Payments, at the top of every page."
                    ),
                )
            else:
                messages.success(request, _("Task done. Thank you."))
            return redirect(task)
    return render(request, "tasks/done.html", {"place": task.place, "task": task, "form": form})


@login_required
@GET_AND_POST
def task_drop(request: HttpRequest, place_pk: int, pk: int) -> HttpResponse:
    task = task_for_member(request.user, place_pk, pk)
    if not task.is_open:
        messages.error(request, _("This task is already done or dropped."))
        return redirect(task)
    form = DropForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.task_drop(task=task, actor=request.user, reason=form.cleaned_data["reason"])
        except services.TaskError as error:
            form.add_error("reason", error.messages[0])
        else:
            messages.success(request, _("Task dropped. The reason is kept with it."))
            return redirect(task)
    return render(request, "tasks/drop.html", {"place": task.place, "task": task, "form": form})


@login_required
@GET_AND_POST
def task_delete(request: HttpRequest, place_pk: int, pk: int) -> HttpResponse:
    task = task_for_member(request.user, place_pk, pk)
    if request.method == "POST":
        services.task_delete(task=task, actor=request.user)
        messages.success(request, _("Task “%(title)s” deleted.") % {"title": task.title})
        return redirect("tasks:place_list", task.place.pk)
    return render(
        request,
        "confirm.html",
        {
            "caption": task.place.name,
            "question": _("Delete the task “%(title)s”?") % {"title": task.title},
            "explanation": _(
                "It goes from the list for everyone. The place’s history keeps "
                "that it existed and who deleted it; any time recorded for it stays in the "
                "involvement log. To keep it but stop working on it, drop it instead."
            ),
            "button": _("Yes, delete the task"),
            "back_url": reverse("tasks:detail", args=[task.place.pk, task.pk]),
            "back_text": _("No, keep it"),
        },
    )
