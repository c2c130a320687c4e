"""Pages for projects: members, the research cycle and the involvement log (the
invitation pages are the invitations app's).

Every page about a project starts with a helper from `access.py`, so a person who is
not in the project gets a 404 and learns nothing about it.
"""

from __future__ import annotations

import copy
import re
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, F, Q, Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST, require_safe

from levelfield.collectives.models import Collective
from levelfield.history.models import Change
from levelfield.lib import cache as lib_cache
from levelfield.lib.forms import posted
from levelfield.lib.paging import page_or_404
from levelfield.people.models import Perspective, PerspectiveKind, User, shares_perspectives
from levelfield.places.history import change_rows
from levelfield.places.log import LOG_TOTALS_SECONDS, log_count, log_version
from levelfield.places.members import place_memberships
from levelfield.places.models import PlaceMembership
from levelfield.places.navigation import place_navigation
from levelfield.places.redirects import to_place
from levelfield.projects import access, services
from levelfield.projects.forms import (
    JoinRequestDeclineForm,
    JoinRequestForm,
    ProjectCreateForm,
    ProjectForm,
)
from levelfield.projects.models import (
    Participation,
    Project,
    Stage,
)

PAGE_SIZE = 25
LATEST_ENTRIES = 5
NOT_SHARED = gettext_lazy("Perspective not shared")
MEMBERS_ON_PAGE = 50


# Projects


@login_required
@require_safe
def project_list(request: HttpRequest) -> HttpResponse:
    projects = (
        Project.objects.for_member(request.user)
        .select_related("collective")
        .annotate(member_count=F("place__member_count"))
        .order_by("collective__name", "collective_id", "title")
    )
    return render(request, "projects/list.html", {"projects": projects})


@login_required
def project_create(request: HttpRequest) -> HttpResponse:
    collectives = list(Collective.objects.for_member(request.user))
    chosen = _collective_chosen(request, collectives)
    form = ProjectCreateForm(posted(request), collectives=collectives, chosen=chosen)
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
            messages.success(
                request, _("You started the project “%(title)s”.") % {"title": project.title}
            )
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
@require_safe
def project_detail(request: HttpRequest, pk: int) -> HttpResponse:
    project = access.project_for_member(request.user, pk)
    # The first members, and every group's size counted in the database: a project of
    # 10,000 stays a small page (everyone is on the members page).
    place = project.place
    place.project, place.collective = project, project.collective
    version = (*log_version(place), place.members_version)
    kept = _detail_kept(project, version)
    context = {
        "project": project,
        # The log's version holds the place's latest history change: the navigation's.
        "navigation": place_navigation(place, request.user, version=version[1] or 0),
        "people": _people_for(kept["projects:detail-people"], request.user),
        "stages": _stages(project.stage),
        "latest": mark_safe(kept["projects:detail-latest"]),  # noqa: S308 -- escaped there
    }
    return render(request, "projects/detail.html", context)


def _detail_kept(project: Project, version: tuple[object, ...]) -> dict[str, Any]:
    """The project page's kept pieces, read in one round trip to the cache
    (`lib.cache.versioned_many`): the log's count, the page's counts over all members and
    all entries (each group's size, all the time given), its people and its latest
    entries, each kept per `version`: the log's (`places.log.log_version`: latest history
    row, newest entry) and the place's kept members version (it moves on every join and
    leave, and when the coordinator job changes hands). Summing 30,000 participations
    and grouping 10,000 members' perspectives took most of the page's time; what the
    versions cannot see (someone changes which perspectives they share) shows within
    LOG_TOTALS_SECONDS."""
    place = project.place

    def counts(_values: dict[str, Any]) -> dict[str, Any]:
        totals = Participation.objects.filter(entry__place=place).aggregate(minutes=Sum("minutes"))
        return {"sizes": _perspective_sizes(project), "total_minutes": totals["minutes"] or 0}

    def people(values: dict[str, Any]) -> str:
        memberships = list(place_memberships(place)[:MEMBERS_ON_PAGE])
        groups = _perspective_groups(values["projects:detail-counts"]["sizes"], memberships)
        return render_to_string(
            "projects/includes/people.html",
            {"project": project, "perspective_groups": groups},
        )

    def latest(values: dict[str, Any]) -> str:
        entries = place.involvement.with_totals().order_by("-happened_on", "-id")
        return render_to_string(
            "projects/includes/latest_entries.html",
            {
                "project": project,
                "entries": list(entries[:LATEST_ENTRIES]),
                "entry_count": values["places:log-count"],
                "total_minutes": values["projects:detail-counts"]["total_minutes"],
            },
        )

    return lib_cache.versioned_many(
        [
            log_count(place, version[:3]),
            ("projects:detail-counts", version, counts),
            ("projects:detail-people", version, people),
            ("projects:detail-latest", version, latest),
        ],
        seconds=LOG_TOTALS_SECONDS,
    )


# Where "(you)" goes after a member's name in the kept people (one mark per name shown).
_YOU = re.compile(r"<!--you:(\d+)-->")


def _people_for(html: str, viewer: User) -> SafeString:
    """The kept people as `viewer` sees them: "(you)" after their own name, shared by
    everyone in the place otherwise (50 members with their perspectives cost about 5 ms
    to read and render, the same for every member: the perspectives shown are those
    shared with teammates, and every viewer is one)."""
    you = " " + conditional_escape(_("(you)"))
    mine = str(viewer.pk)
    shown = _YOU.sub(lambda mark: you if mark[1] == mine else "", html)
    return mark_safe(shown)  # noqa: S308 -- rendered by its template, escaped there


def _perspective_sizes(project: Project) -> dict[str, int]:
    """How many members belong under each perspective heading, 'not shared' included."""
    sizes: dict[str, int] = dict(
        Perspective.objects.shared_with_teammates()
        .filter(person__place_memberships__place__project=project)
        .order_by()
        .values_list("kind")
        .annotate(count=Count("pk"))
    )
    everyone = project.place.memberships.aggregate(
        total=Count("pk", distinct=True),
        sharing=Count(
            "person",
            filter=shares_perspectives("person__") & Q(person__perspectives__isnull=False),
            distinct=True,
        ),
    )
    sizes[NOT_SHARED] = everyone["total"] - everyone["sharing"]
    return sizes


def _perspective_groups(
    sizes: dict[str, int], shown: list[PlaceMembership]
) -> list[tuple[str, list[tuple[PlaceMembership, Perspective | None]], int, int]]:
    """(heading, the members shown under it, how many belong under it, how many more)."""
    listed = dict(_members_by_perspective(shown))
    headings = [*PerspectiveKind.choices, (NOT_SHARED, NOT_SHARED)]
    groups = []
    for kind, label in headings:
        if sizes.get(kind):
            members = listed.get(label, [])
            groups.append((label, members, sizes[kind], sizes[kind] - len(members)))
    return groups


def _members_by_perspective(
    memberships: list[PlaceMembership],
) -> list[tuple[str, list[tuple[PlaceMembership, Perspective | None]]]]:
    """Members under each perspective they share. Someone with several perspectives
    appears under each; people who keep theirs private appear under 'not shared'."""
    groups: dict[str, list[tuple[PlaceMembership, Perspective | None]]] = {
        kind: [] for kind in PerspectiveKind.values
    }
    not_shared: list[tuple[PlaceMembership, Perspective | None]] = []
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
    project = access.project_for_member(request.user, pk)
    # A copy, so a rejected edit does not change the title shown in the page heading.
    form = ProjectForm(posted(request), instance=copy.copy(project))
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
        messages.success(request, _("The project’s details are saved."))
        return redirect("projects:detail", pk=project.pk)
    return render(request, "projects/edit.html", {"project": project, "form": form})


@login_required
@require_safe
def project_history(request: HttpRequest, pk: int) -> HttpResponse:
    project = access.project_for_member(request.user, pk)
    changes = Change.objects.filter(project=project).select_related("actor").order_by("-at", "-id")
    page = page_or_404(request, changes, PAGE_SIZE)
    for change in page:
        change.rows = change_rows(change)
    return render(request, "projects/history.html", {"project": project, "page": page})


# Members and the coordinator job are the place's (places/members.py).


def members_moved(request: HttpRequest, pk: int) -> HttpResponse:
    """The old members page sends on to the project's place's members page."""
    return _to_place_members(request, project_pk=pk)


_to_place_members = to_place("places:members")


# Asking to join


@login_required
def join_request(request: HttpRequest, pk: int) -> HttpResponse:
    """What a member of the collective may see of a project they are not in, and a form
    to ask to join. Members of the project go straight to it."""
    project = access.project_for_collective_member(request.user, pk)
    if project.place.memberships.filter(person=request.user).exists():
        return redirect("projects:detail", pk=project.pk)
    waiting = project.place.join_requests.pending().filter(person=request.user).first()
    form = JoinRequestForm(request.POST if request.method == "POST" and not waiting else None)
    if form.is_bound and form.is_valid():
        try:
            services.project_join_request_create(
                project=project, person=request.user, message=form.cleaned_data["message"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("You asked to join “%(title)s”. We will email you when a member answers.")
                % {"title": project.title},
            )
            return redirect(project.collective)
    context = {"project": project, "form": form, "waiting": waiting}
    return render(request, "projects/join_request.html", context)


@login_required
@require_POST
def join_request_accept(request: HttpRequest, pk: int, request_pk: int) -> HttpResponse:
    project = access.project_for_member(request.user, pk)
    join_request = access.join_request_in(project, request_pk)
    try:
        services.project_join_request_accept(join_request=join_request, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("%(name)s is now a member of the project.") % {"name": join_request.person.name},
        )
    return redirect("places:members", place_pk=project.place.pk)


@login_required
@require_POST
def join_request_decline(request: HttpRequest, pk: int, request_pk: int) -> HttpResponse:
    project = access.project_for_member(request.user, pk)
    join_request = access.join_request_in(project, request_pk)
    form = JoinRequestDeclineForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors["reason"]))
        return redirect("places:members", place_pk=project.place.pk)
    try:
        services.project_join_request_decline(
            join_request=join_request, actor=request.user, reason=form.cleaned_data["reason"]
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("You declined %(name)s’s request to join.") % {"name": join_request.person.name},
        )
    return redirect("places:members", place_pk=project.place.pk)


@login_required
def project_leave(request: HttpRequest, pk: int) -> HttpResponse:
    project = access.project_for_member(request.user, pk)
    only_member = not project.place.memberships.exclude(person=request.user).exists()
    if request.method == "POST" and not only_member:
        try:
            services.project_leave(project=project, person=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("projects:detail", pk=project.pk)
        messages.success(
            request, _("You left the project “%(title)s”.") % {"title": project.title}
        )
        return redirect("projects:list")
    context = {"project": project, "only_member": only_member}
    return render(request, "projects/leave.html", context)
