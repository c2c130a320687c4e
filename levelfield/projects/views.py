"""Pages for projects: members, the research cycle and the involvement log (the
invitation pages are the invitations app's).

Every page about a project starts with `_project_for_member`, so a person who is
not in the project gets a 404 and learns nothing about it.
"""

from __future__ import annotations

import copy
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Exists, OuterRef, Prefetch, QuerySet, Sum
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from levelfield.collectives.models import Collective
from levelfield.history.models import Change
from levelfield.people.models import Perspective, PerspectiveKind, User, shares_perspectives
from levelfield.projects import services
from levelfield.projects.forms import (
    InvolvementEntryForm,
    LogFilterForm,
    ProjectCreateForm,
    ProjectForm,
)
from levelfield.projects.models import (
    InvolvementEntry,
    Participation,
    Project,
    ProjectMembership,
    Stage,
)
from levelfield.templatetags.levelfield import hours

PAGE_SIZE = 25
LATEST_ENTRIES = 5
NOT_SHARED = "Perspective not shared"


# Access helpers: each returns what the person may see, or raises Http404.


def _project_for_member(request: HttpRequest, pk: int) -> Project:
    return get_object_or_404(
        Project.objects.for_member(request.user).select_related("collective"), pk=pk
    )


def _entry_for_member(request: HttpRequest, pk: int, entry_pk: int) -> InvolvementEntry:
    project = _project_for_member(request, pk)
    entry = get_object_or_404(
        InvolvementEntry.objects.filter(project=project)
        .select_related("recorded_by")
        .prefetch_related(_participations()),
        pk=entry_pk,
    )
    entry.project = project
    return entry


def _membership_in(project: Project, membership_pk: int) -> ProjectMembership:
    return get_object_or_404(
        ProjectMembership.objects.filter(project=project).select_related("person"),
        pk=membership_pk,
    )


# Projects


@login_required
def project_list(request: HttpRequest) -> HttpResponse:
    projects = (
        Project.objects.for_member(request.user)
        .select_related("collective")
        .annotate(member_count=Count("memberships"))
        .order_by("collective__name", "collective_id", "title")
    )
    return render(request, "projects/list.html", {"projects": projects})


@login_required
def project_create(request: HttpRequest) -> HttpResponse:
    collectives = list(Collective.objects.filter(memberships__person=request.user))
    chosen = _collective_chosen(request, collectives)
    form = ProjectCreateForm(request.POST or None, collectives=collectives, chosen=chosen)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            project = services.project_create(
                collective=data["collective"],
                created_by=request.user,
                title=data["title"],
                summary=data["summary"],
                topics=data["topics"],
                stage=data["stage"],
            )
        except ValidationError as error:
            form.add_error("collective", error)
        else:
            messages.success(request, f"You started the project “{project.title}”.")
            return redirect("projects:detail", pk=project.pk)
    context = {"form": form, "collectives": collectives, "chosen": chosen}
    return render(request, "projects/create.html", context)


def _collective_chosen(request: HttpRequest, collectives: list[Collective]) -> Collective | None:
    """The collective named in ?collective=, if it is one of the person's own; or their
    only collective; or None, when they must choose."""
    slug = request.GET.get("collective", "")
    for collective in collectives:
        if collective.slug == slug:
            return collective
    return collectives[0] if len(collectives) == 1 else None


@login_required
def project_detail(request: HttpRequest, pk: int) -> HttpResponse:
    project = _project_for_member(request, pk)
    memberships = _memberships(project)
    entries = project.involvement.with_totals().order_by("-happened_on", "-id")[:LATEST_ENTRIES]
    totals = Participation.objects.filter(entry__project=project).aggregate(minutes=Sum("minutes"))
    context = {
        "project": project,
        "memberships": memberships,
        "perspective_groups": _members_by_perspective(memberships),
        "stages": _stages(project.stage),
        "entries": entries,
        "entry_count": project.involvement.count(),
        "total_minutes": totals["minutes"] or 0,
    }
    return render(request, "projects/detail.html", context)


def _memberships(project: Project) -> list[ProjectMembership]:
    return list(
        project.memberships.select_related("person")
        .prefetch_related("person__perspectives")
        .order_by("joined_at", "pk")
    )


def _members_by_perspective(
    memberships: list[ProjectMembership],
) -> list[tuple[str, list[tuple[ProjectMembership, Perspective | None]]]]:
    """Members under each perspective they share. Someone with several perspectives
    appears under each; people who keep theirs private appear under 'not shared'."""
    groups: dict[str, list[tuple[ProjectMembership, Perspective | None]]] = {
        kind: [] for kind in PerspectiveKind.values
    }
    not_shared: list[tuple[ProjectMembership, Perspective | None]] = []
    for membership in memberships:
        perspectives = membership.person.perspectives_for_teammates()
        if not perspectives:
            not_shared.append((membership, None))
        for perspective in perspectives:
            groups[perspective.kind].append((membership, perspective))
    result = [(label, groups[kind]) for kind, label in PerspectiveKind.choices if groups[kind]]
    if not_shared:
        result.append((NOT_SHARED, not_shared))
    return result


def _stages(current: str) -> list[tuple[str, str, bool]]:
    return [(value, label, value == current) for value, label in Stage.choices]


@login_required
def project_edit(request: HttpRequest, pk: int) -> HttpResponse:
    project = _project_for_member(request, pk)
    # A copy, so a rejected edit does not change the title shown in the page heading.
    form = ProjectForm(request.POST or None, instance=copy.copy(project))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.project_update(
            project=project,
            actor=request.user,
            title=data["title"],
            summary=data["summary"],
            topics=data["topics"],
            stage=data["stage"],
        )
        messages.success(request, "The project’s details are saved.")
        return redirect("projects:detail", pk=project.pk)
    return render(request, "projects/edit.html", {"project": project, "form": form})


@login_required
def project_history(request: HttpRequest, pk: int) -> HttpResponse:
    project = _project_for_member(request, pk)
    changes = Change.objects.filter(project=project).select_related("actor").order_by("-at", "-id")
    page = Paginator(changes, PAGE_SIZE).get_page(request.GET.get("page"))
    for change in page:
        change.rows = _change_rows(change)
    return render(request, "projects/history.html", {"project": project, "page": page})


# Members


@login_required
def project_members(request: HttpRequest, pk: int) -> HttpResponse:
    project = _project_for_member(request, pk)
    context = {"project": project, "memberships": _memberships(project)}
    return render(request, "projects/members.html", context)


@login_required
@require_POST
def member_coordinator(request: HttpRequest, pk: int, membership_pk: int) -> HttpResponse:
    project = _project_for_member(request, pk)
    membership = _membership_in(project, membership_pk)
    wanted = request.POST.get("coordinator")
    if wanted not in {"yes", "no"}:
        return HttpResponseBadRequest("Say whether the person should have the coordinator job.")
    services.project_coordinator_set(
        membership=membership, is_coordinator=wanted == "yes", actor=request.user
    )
    messages.success(request, _coordinator_message(membership, wanted == "yes", request.user))
    return redirect("projects:members", pk=project.pk)


def _coordinator_message(membership: ProjectMembership, given: bool, user: User) -> str:
    if membership.person_id == user.pk:
        return "You now have the coordinator job." if given else "You stepped down as coordinator."
    name = membership.person.name
    return f"{name} now has the coordinator job." if given else f"{name} no longer has the job."


@login_required
def project_leave(request: HttpRequest, pk: int) -> HttpResponse:
    project = _project_for_member(request, pk)
    only_member = not project.memberships.exclude(person=request.user).exists()
    if request.method == "POST" and not only_member:
        try:
            services.project_leave(project=project, person=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("projects:detail", pk=project.pk)
        messages.success(request, f"You left the project “{project.title}”.")
        return redirect("projects:list")
    context = {"project": project, "only_member": only_member}
    return render(request, "projects/leave.html", context)


# The involvement log


def _participations() -> Prefetch:
    return Prefetch(
        "participations", queryset=Participation.objects.select_related("person").order_by("id")
    )


@login_required
def involvement_log(request: HttpRequest, pk: int) -> HttpResponse:
    project = _project_for_member(request, pk)
    filters = LogFilterForm(request.GET)
    entries = project.involvement.all()
    if filters.is_valid():
        if filters.cleaned_data["stage"]:
            entries = entries.filter(stage=filters.cleaned_data["stage"])
        if filters.cleaned_data["kind"]:
            entries = entries.filter(kind=filters.cleaned_data["kind"])
    page = Paginator(
        entries.with_totals().prefetch_related(_participations()).order_by("-happened_on", "-id"),
        PAGE_SIZE,
    ).get_page(request.GET.get("page"))
    participations = Participation.objects.filter(entry__in=entries)
    context = {
        "project": project,
        "form": filters,
        "filtered": filters.is_valid() and any(filters.cleaned_data.values()),
        "page": page,
        "page_query": _page_query(filters),
        "total_minutes": participations.aggregate(minutes=Sum("minutes"))["minutes"] or 0,
        "stage_totals": _stage_totals(participations),
        "perspective_totals": _perspective_totals(participations),
    }
    return render(request, "projects/log.html", context)


def _page_query(filters: LogFilterForm) -> str:
    """The filters to carry into the next and previous page links."""
    if not filters.is_valid():
        return ""
    return urlencode({key: value for key, value in filters.cleaned_data.items() if value})


def _stage_totals(participations: QuerySet[Participation]) -> list[tuple[str, int, int]]:
    """(stage, entries, minutes) for each stage with any time logged, in cycle order."""
    rows = {
        row["entry__stage"]: row
        for row in participations.values("entry__stage").annotate(
            minutes=Sum("minutes"), entries=Count("entry", distinct=True)
        )
    }
    return [
        (label, rows[value]["entries"], rows[value]["minutes"])
        for value, label in Stage.choices
        if value in rows
    ]


def _perspective_totals(participations: QuerySet[Participation]) -> list[tuple[str, int]]:
    """Hours under each shared perspective, then hours from people who keep theirs
    private (or have none), then hours from people who have deleted their account."""
    by_kind = {
        row["person__perspectives__kind"]: row["minutes"]
        for row in participations.filter(
            shares_perspectives("person__"), person__perspectives__isnull=False
        )
        .values("person__perspectives__kind")
        .annotate(minutes=Sum("minutes"))
    }
    has_perspective = Exists(Perspective.objects.filter(person=OuterRef("person")))
    not_shared = (
        participations.filter(person__isnull=False)
        .filter(~shares_perspectives("person__") | ~has_perspective)
        .aggregate(minutes=Sum("minutes"))["minutes"]
    )
    former = participations.filter(person__isnull=True).aggregate(minutes=Sum("minutes"))[
        "minutes"
    ]
    rows = [(label, by_kind[kind]) for kind, label in PerspectiveKind.choices if kind in by_kind]
    if not_shared:
        rows.append((NOT_SHARED, not_shared))
    if former:
        rows.append(("Former members", former))
    return rows


@login_required
def involvement_entry_add(request: HttpRequest, pk: int) -> HttpResponse:
    project = _project_for_member(request, pk)
    people = [(m.person, m.person.name) for m in project.memberships.select_related("person")]
    form = InvolvementEntryForm(
        request.POST or None,
        people=people,
        initial={"stage": project.stage, "happened_on": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            entry = services.involvement_entry_create(
                project=project, recorded_by=request.user, **_entry_values(form)
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"“{entry.title}” is in the involvement log.")
            return redirect("projects:log", pk=project.pk)
    return render(request, "projects/log_form.html", {"project": project, "form": form})


@login_required
def involvement_entry(request: HttpRequest, pk: int, entry_pk: int) -> HttpResponse:
    entry = _entry_for_member(request, pk, entry_pk)
    changes = Change.objects.filter(
        project=entry.project, subject_type="involvemententry", subject_id=entry.pk
    ).select_related("actor")
    changes = list(changes.order_by("-at", "-id"))
    for change in changes:
        change.rows = _change_rows(change)
    context = {
        "project": entry.project,
        "entry": entry,
        "total_minutes": sum(p.minutes for p in entry.participations.all()),
        "changes": changes,
    }
    return render(request, "projects/log_entry.html", context)


@login_required
def involvement_entry_edit(request: HttpRequest, pk: int, entry_pk: int) -> HttpResponse:
    entry = _entry_for_member(request, pk, entry_pk)
    project = entry.project
    members = [(m.person, m.person.name) for m in project.memberships.select_related("person")]
    member_ids = {person.pk for person, _ in members}
    past = [
        (p.person, f"{p.person.name} (no longer in the project)")
        for p in entry.participations.all()
        if p.person is not None and p.person_id not in member_ids
    ]
    former_minutes = [p.minutes for p in entry.participations.all() if p.person is None]
    form = InvolvementEntryForm(
        request.POST or None,
        instance=entry,
        people=members + past,
        former_minutes=former_minutes,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.involvement_entry_update(
                entry=entry, actor=request.user, **_entry_values(form)
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "The entry is corrected. The change is in its history.")
            return redirect("projects:log_entry", pk=project.pk, entry_pk=entry.pk)
    context = {"project": project, "entry": entry, "form": form}
    return render(request, "projects/log_form.html", context)


def _entry_values(form: InvolvementEntryForm) -> dict[str, Any]:
    data = form.cleaned_data
    return {
        "title": data["title"],
        "description": data["description"],
        "happened_on": data["happened_on"],
        "stage": data["stage"],
        "kind": data["kind"],
        "what_changed": data["what_changed"],
        "participants": form.participants,
    }


# Showing the change history


FIELD_LABELS = {
    "title": "Title",
    "summary": "Summary",
    "topics": "Topics",
    "stage": "Stage",
    "member": "Member",
    "coordinator": "Coordinator job",
    "email": "Email",
    "expires": "Works until",
    "status": "Status",
    "description": "More detail",
    "date": "Date",
    "kind": "Kind of activity",
    "what_changed": "What changed because of it",
    "participants": "Who took part",
}


def _change_rows(change: Change) -> list[tuple[str, str, str]]:
    """(what, before, after) in words for each value a change altered."""
    return [
        (FIELD_LABELS.get(key, key.replace("_", " ").capitalize()), _words(old), _words(new))
        for key, old, new in change.changed_fields()
    ]


def _words(value: object) -> str:
    if value in (None, "", []):
        return "(none)"
    if isinstance(value, list):
        return "; ".join(_participant_words(item) for item in value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def _participant_words(item: object) -> str:
    if isinstance(item, dict) and "minutes" in item:
        return f"{item.get('person', 'A former member')}: {hours(item['minutes'])}"
    return str(item)
