"""Pages for collectives. Every page about one collective starts with
`_membership_or_404`: people outside the collective get "page not found", never its data."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import EmptyPage, Page, Paginator
from django.db.models import Count, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST, require_safe

from levelfield.collectives import services
from levelfield.collectives.forms import (
    CollectiveForm,
    CollectiveSettingsForm,
    CoordinatorForm,
    LeaveForm,
)
from levelfield.collectives.models import (
    Collective,
    CollectiveKind,
    CollectiveMembership,
)
from levelfield.history.models import Change

HISTORY_PER_PAGE = 25


def _membership_or_404(request: HttpRequest, slug: str) -> CollectiveMembership:
    """The signed-in person's membership of the collective, with the collective; or 404."""
    return get_object_or_404(
        CollectiveMembership.objects.select_related("collective"),
        collective__slug=slug,
        person=request.user,
    )


def _posted(request: HttpRequest) -> Any:
    """The submitted data on POST (even when empty), None otherwise: an empty POST is
    still a submission to validate."""
    return request.POST if request.method == "POST" else None


def _page_or_404(request: HttpRequest, items: QuerySet, per_page: int) -> Page:
    """The page asked for in ?page=; page 1 when it is not a number, 404 past the end."""
    try:
        number = int(request.GET.get("page", "1"))
    except ValueError:
        number = 1
    try:
        return Paginator(items, per_page).page(number)
    except EmptyPage:
        raise Http404("There is no such page.") from None


@login_required
@require_safe
def collective_list(request: HttpRequest) -> HttpResponse:
    collectives = Collective.objects.for_member(request.user).annotate(
        member_count=Count("memberships", distinct=True),
        project_count=Count("projects", distinct=True),
    )
    return render(request, "collectives/list.html", {"collectives": collectives})


@login_required
def collective_create(request: HttpRequest) -> HttpResponse:
    form = CollectiveForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        collective = services.collective_create(**form.cleaned_data, created_by=request.user)
        messages.success(request, f"You started {collective.name}. Now invite people to join.")
        return redirect(collective)
    return render(request, "collectives/create.html", {"form": form})


@login_required
@require_safe
def collective_detail(request: HttpRequest, slug: str) -> HttpResponse:
    membership = _membership_or_404(request, slug)
    collective = membership.collective
    memberships = collective.memberships.select_related("person").prefetch_related(
        "person__perspectives"
    )
    projects = collective.projects.annotate(member_count=Count("memberships"))
    return render(
        request,
        "collectives/detail.html",
        {
            "collective": collective,
            "membership": membership,
            "memberships": memberships,
            "projects": projects,
        },
    )


@login_required
def collective_settings(request: HttpRequest, slug: str) -> HttpResponse:
    membership = _membership_or_404(request, slug)
    collective = membership.collective
    name = collective.name  # the form changes the instance as it validates
    form = CollectiveSettingsForm(_posted(request), instance=collective)
    if request.method == "POST" and form.is_valid():
        if services.collective_update(
            collective=collective, actor=request.user, **form.cleaned_data
        ):
            messages.success(request, "The collective's settings are saved.")
        else:
            messages.info(request, "You did not change anything.")
        return redirect(collective)
    return render(
        request,
        "collectives/settings.html",
        {"collective": collective, "collective_name": name, "form": form},
    )


@login_required
@require_safe
def collective_history(request: HttpRequest, slug: str) -> HttpResponse:
    collective = _membership_or_404(request, slug).collective
    page = _page_or_404(
        request,
        Change.objects.filter(collective=collective).select_related("actor"),
        HISTORY_PER_PAGE,
    )
    for change in page:
        change.rows = _history_rows(change)
    return render(
        request,
        "collectives/history.html",
        {"collective": collective, "page": page, "page_range": _page_range(page)},
    )


@login_required
def collective_leave(request: HttpRequest, slug: str) -> HttpResponse:
    membership = _membership_or_404(request, slug)
    collective = membership.collective
    others = collective.memberships.exclude(pk=membership.pk)
    last_member = not others.exists()
    form = LeaveForm(_posted(request), last_member=last_member)
    if request.method == "POST" and form.is_valid():
        services.membership_leave(membership=membership)
        messages.success(request, f"You have left {collective.name}.")
        return redirect("collectives:list")
    return render(
        request,
        "collectives/leave.html",
        {
            "collective": collective,
            "membership": membership,
            "form": form,
            "last_member": last_member,
            "last_coordinator": membership.is_coordinator
            and not others.filter(is_coordinator=True).exists(),
        },
    )


@login_required
@require_POST
def member_coordinator(request: HttpRequest, slug: str, membership_pk: int) -> HttpResponse:
    collective = _membership_or_404(request, slug).collective
    target = get_object_or_404(collective.memberships.select_related("person"), pk=membership_pk)
    form = CoordinatorForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose whether to give or take the coordinator job.")
        return redirect(collective)
    is_coordinator = form.cleaned_data["coordinator"]
    who = "You are" if target.person_id == request.user.pk else f"{target.person.name} is"
    if services.membership_set_coordinator(
        membership=target, is_coordinator=is_coordinator, actor=request.user
    ):
        messages.success(
            request, f"{who} {'now' if is_coordinator else 'no longer'} a coordinator."
        )
    else:
        messages.info(request, f"{who} {'already' if is_coordinator else 'not'} a coordinator.")
    return redirect(collective)


def _page_range(page: Page) -> list[int | str]:
    return list(page.paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1))


def _history_rows(change: Change) -> list[str]:
    """Each changed value as a short sentence: what it became, what it was, or both."""
    rows = []
    for key, before, after in change.changed_fields():
        label = services.FIELD_LABELS.get(key, key)
        if key not in change.before:
            rows.append(f"{label}: {_history_value(key, after)}")
        elif key not in change.after:
            rows.append(f"{label}: was {_history_value(key, before)}")
        else:
            was, now = _history_value(key, before), _history_value(key, after)
            rows.append(f"{label}: was {was}, now {now}")
    return rows


def _history_value(key: str, value: Any) -> str:
    """A before/after value in words."""
    if value is None or value == "":
        return "(none)"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if key == "kind":
        return str(dict(CollectiveKind.choices).get(value, value))
    return str(value)
