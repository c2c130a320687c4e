"""Pages every kind of place has, mounted once (the involvement log), and groups'
own pages (a group's page, starting, joining and leaving a group).

Every page starts with `access.place_for_member`, so a person outside the place gets a
404 and learns nothing about it.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from levelfield.collectives import access as collective_access
from levelfield.history.models import Change
from levelfield.lib.forms import posted
from levelfield.lib.paging import page_or_404
from levelfield.places import access, services
from levelfield.places.forms import GroupForm
from levelfield.places.history import change_rows
from levelfield.places.log import filters_key, log_totals
from levelfield.places.models import PlaceKind, PlaceMembership
from levelfield.places.navigation import place_navigation
from levelfield.projects import services as log_services
from levelfield.projects.forms import InvolvementEntryForm, LogFilterForm

PAGE_SIZE = 25
MEMBERS_ON_PAGE = 100


@login_required
@require_safe
def involvement_log(request: HttpRequest, pk: int) -> HttpResponse:
    place = access.place_for_member(request.user, pk)
    research = place.kind == PlaceKind.PROJECT
    filters = LogFilterForm(request.GET, research_stages=research)
    entries = place.involvement.all()
    if filters.is_valid():
        if filters.cleaned_data.get("stage"):
            entries = entries.filter(stage=filters.cleaned_data["stage"])
        if filters.cleaned_data["kind"]:
            entries = entries.filter(kind=filters.cleaned_data["kind"])
    page = page_or_404(
        request,
        entries.with_totals()
        .prefetch_related(access.participations())
        .order_by("-happened_on", "-id"),
        PAGE_SIZE,
    )
    context = {
        "place": place,
        "form": filters,
        "filtered": filters.is_valid() and any(filters.cleaned_data.values()),
        "page": page,
        **log_totals(place, entries, filters_key(filters)),
    }
    return render(request, "places/log.html", context)


@login_required
def involvement_entry_add(request: HttpRequest, pk: int) -> HttpResponse:
    place = access.place_for_member(request.user, pk)
    people = [(person, person.name) for person in access.place_members(place)]
    research = place.kind == PlaceKind.PROJECT
    form = InvolvementEntryForm(
        posted(request),
        people=people,
        research_stages=research,
        initial={
            "stage": place.project.stage if research else "",
            "happened_on": timezone.localdate(),
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            entry = log_services.involvement_entry_create(
                place=place, recorded_by=request.user, **_entry_values(form)
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"“{entry.title}” is in the involvement log.")
            return redirect("places:log", pk=place.pk)
    return render(request, "places/log_form.html", {"place": place, "form": form})


@login_required
@require_safe
def involvement_entry(request: HttpRequest, pk: int, entry_pk: int) -> HttpResponse:
    entry = access.involvement_entry_for_member(request.user, pk, entry_pk)
    changes = Change.objects.filter(
        **entry.place.history_scope(), subject_type="involvemententry", subject_id=entry.pk
    ).select_related("actor")
    changes = list(changes.order_by("-at", "-id"))
    for change in changes:
        change.rows = change_rows(change)
    context = {
        "place": entry.place,
        "entry": entry,
        "total_minutes": sum(p.minutes for p in entry.participations.all()),
        "changes": changes,
    }
    return render(request, "places/log_entry.html", context)


@login_required
def involvement_entry_edit(request: HttpRequest, pk: int, entry_pk: int) -> HttpResponse:
    entry = access.involvement_entry_for_member(request.user, pk, entry_pk)
    place = entry.place
    members = [(person, person.name) for person in access.place_members(place)]
    member_ids = {person.pk for person, _ in members}
    past = [
        (p.person, f"{p.person.name} (no longer in the {place.kind_word})")
        for p in entry.participations.all()
        if p.person is not None and p.person_id not in member_ids
    ]
    former_minutes = [p.minutes for p in entry.participations.all() if p.person is None]
    form = InvolvementEntryForm(
        posted(request),
        instance=entry,
        people=members + past,
        former_minutes=former_minutes,
        research_stages=place.kind == PlaceKind.PROJECT,
    )
    if request.method == "POST" and form.is_valid():
        try:
            values = _entry_values(form)
            if "stage" not in form.fields:
                # A group's form asks no research stage; an entry that has one (a review
                # of a plan at its design stage) keeps it when corrected.
                values["stage"] = entry.stage
            log_services.involvement_entry_update(entry=entry, actor=request.user, **values)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "The entry is corrected. The change is in its history.")
            return redirect("places:log_entry", pk=place.pk, entry_pk=entry.pk)
    context = {"place": place, "entry": entry, "form": form}
    return render(request, "places/log_form.html", context)


def _entry_values(form: InvolvementEntryForm) -> dict[str, Any]:
    data = form.cleaned_data
    return {
        "title": data["title"],
        "description": data["description"],
        "happened_on": data["happened_on"],
        "stage": data.get("stage", ""),
        "kind": data["kind"],
        "what_changed": data["what_changed"],
        "participants": form.participants,
    }


# Groups


@login_required
def group_create(request: HttpRequest, slug: str) -> HttpResponse:
    collective = collective_access.collective_for_member(request.user, slug)
    form = GroupForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            group = services.group_create(
                collective=collective,
                actor=request.user,
                name=form.cleaned_data["name"],
                purpose=form.cleaned_data["purpose"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"You started the group “{group.name}”.")
            return redirect("places:group", pk=group.pk)
    return render(request, "places/group_form.html", {"collective": collective, "form": form})


@login_required
@require_safe
def group_detail(request: HttpRequest, pk: int) -> HttpResponse:
    group = access.group_for_collective_member(request.user, pk)
    memberships = list(
        PlaceMembership.objects.filter(place=group)
        .select_related("person")
        .order_by("joined_at", "id")[:MEMBERS_ON_PAGE]
    )
    member_count = PlaceMembership.objects.filter(place=group).count()
    is_member = PlaceMembership.objects.filter(place=group, person=request.user).exists()
    context = {
        "group": group,
        "place": group,
        "memberships": memberships,
        "member_count": member_count,
        "is_member": is_member,
        "navigation": place_navigation(group, request.user) if is_member else [],
    }
    return render(request, "places/group.html", context)


@login_required
@require_POST
def group_join(request: HttpRequest, pk: int) -> HttpResponse:
    group = access.group_for_collective_member(request.user, pk)
    try:
        services.group_join(group=group, person=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"You joined the group “{group.name}”.")
    return redirect("places:group", pk=group.pk)


@login_required
def group_leave(request: HttpRequest, pk: int) -> HttpResponse:
    group = access.place_for_member(request.user, pk)
    if group.kind != PlaceKind.GROUP:
        raise Http404("No such group.")
    if request.method == "POST":
        services.group_leave(group=group, person=request.user)
        messages.success(request, f"You left the group “{group.name}”.")
        return redirect("collectives:detail", slug=group.collective.slug)
    return render(request, "places/group_leave.html", {"group": group, "place": group})
