"""Pages for collectives. Every page about one collective starts with an access helper
from `access.py`: people outside the collective get "page not found", never its data."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Page
from django.db.models import Count, Exists, F, OuterRef, Subquery
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from levelfield.collectives import access, roles, services
from levelfield.collectives.forms import (
    CollectiveForm,
    CollectiveSettingsForm,
    JoinCollectiveForm,
    LeaveForm,
)
from levelfield.collectives.models import (
    Collective,
    CollectiveKind,
)
from levelfield.history.models import Change
from levelfield.history.words import value_words
from levelfield.lib import cache as lib_cache
from levelfield.lib.forms import posted
from levelfield.lib.paging import page_or_404
from levelfield.people.models import User
from levelfield.places.members import member_table_html
from levelfield.places.models import JoinRequest, Place, PlaceKind, PlaceMembership
from levelfield.places.navigation import PlaceNavigation, place_navigation
from levelfield.projects.forms import JoinRequestDeclineForm

HISTORY_PER_PAGE = 25
PROJECTS_PER_PAGE = 25
MEMBERS_ON_HOME = 20
DIRECTORY_PER_PAGE = 30
JOIN_REQUESTS_PER_PAGE = 50
# A kept projects table is keyed by what it shows, so it is never stale; the time only
# lets tables nobody asks for again leave the cache.
PROJECTS_TABLE_SECONDS = 600


@login_required
@require_safe
def collective_list(request: HttpRequest) -> HttpResponse:
    collectives = Collective.objects.for_member(request.user).annotate(
        member_count=Subquery(
            Place.objects.filter(collective=OuterRef("pk"), kind=PlaceKind.COLLECTIVE).values(
                "member_count"
            )[:1]
        ),
        project_count=Count("projects", distinct=True),
    )
    return render(request, "collectives/list.html", {"collectives": collectives})


@login_required
def collective_create(request: HttpRequest) -> HttpResponse:
    form = CollectiveForm(posted(request))
    if request.method == "POST" and form.is_valid():
        collective = services.collective_create(**form.cleaned_data, created_by=request.user)
        messages.success(
            request,
            _("You started %(name)s. Now invite people to join.") % {"name": collective.name},
        )
        return redirect(collective)
    return render(request, "collectives/create.html", {"form": form})


@login_required
@require_safe
def collective_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """What the collective is for, its projects a page at a time, and its first members
    (all of them on the members page): a network of 20,000 stays one quick page."""
    membership = access.collective_membership_for(request.user, slug)
    collective = membership.collective
    places = _places(collective, request.user)
    own_place = next(p for p in places if p.kind == PlaceKind.COLLECTIVE)
    own_place.collective = collective
    navigation = place_navigation(own_place, request.user)
    # Only the columns the table shows (a project's summary can be long).
    projects = (
        collective.projects.only("pk", "collective_id", "title", "stage")
        .annotate(
            # A subquery, run only for the page's rows (a join would count every project's
            # members before paging: 10,000 in a big project).
            member_count=F("place__member_count"),
            is_mine=Exists(
                PlaceMembership.objects.of_project(OuterRef("pk")).filter(person=request.user)
            ),
            asked_to_join=Exists(
                JoinRequest.objects.pending().filter(
                    place__project=OuterRef("pk"), person=request.user
                )
            ),
        )
        .order_by("title", "pk")
    )
    page = page_or_404(
        request, projects, PROJECTS_PER_PAGE, count=_project_count(collective, navigation)
    )
    members_html, members_shown = member_table_html(
        request, own_place, membership, slice(0, MEMBERS_ON_HOME)
    )
    return render(
        request,
        "collectives/detail.html",
        {
            "collective": collective,
            "place": own_place,
            "navigation": navigation,
            "groups": [p for p in places if p.kind == PlaceKind.GROUP],
            "membership": membership,
            "members_html": members_html,
            "members_shown": members_shown,
            "member_count": own_place.member_count,  # kept on the place
            "projects_html": _projects_html(collective, page),
            "page": page,
        },
    )


def _projects_html(collective: Collective, page: Page) -> SafeString:
    """The page of projects as a table, kept per digest of everything it shows (each
    row's title, stage, size and whether the viewer is in it or asked to join): 25 rows
    of links and words cost about 4 ms to render, and most members see the same rows.
    The key is the content itself, so a kept table is never out of date."""
    rows = [(p.pk, p.title, p.stage, p.member_count, p.is_mine, p.asked_to_join) for p in page]
    digest = lib_cache.digest([collective.name, rows])
    html = lib_cache.versioned(
        "collectives:projects-table",
        (collective.pk, digest),
        lambda: render_to_string(
            "collectives/includes/projects_table.html",
            {"collective": collective, "projects": page},
        ),
        seconds=PROJECTS_TABLE_SECONDS,
    )
    return mark_safe(html)  # noqa: S308 -- rendered by the template above, escaped there


def _project_count(collective: Collective, navigation: PlaceNavigation) -> int:
    """How many projects the collective has, kept per version of its place (the version
    its navigation reads anyway): starting a project records a change in the
    collective's history in the same transaction, and projects are never deleted or
    moved, so a new project is counted on the next page."""
    return lib_cache.versioned(
        "collectives:project-count",
        (collective.pk, navigation.version),
        collective.projects.count,
        seconds=PROJECTS_TABLE_SECONDS,
    )


def _places(collective: Collective, person: User) -> list[Place]:
    """The collective's own place (for its log) and its groups, with each group's size
    and whether `person` is in it, in one query."""
    return list(
        collective.places.filter(kind__in=[PlaceKind.COLLECTIVE, PlaceKind.GROUP])
        .defer("purpose")  # a group's purpose is on its own page
        .annotate(
            is_mine=Exists(PlaceMembership.objects.filter(place=OuterRef("pk"), person=person)),
        )
        .order_by("group_name", "pk")
    )


@login_required
def collective_settings(request: HttpRequest, slug: str) -> HttpResponse:
    collective = access.collective_for_member(request.user, slug)
    name = collective.name  # the form changes the instance as it validates
    form = CollectiveSettingsForm(
        posted(request),
        instance=collective,
        may_list=roles.may(request.user, roles.Action.EDIT_PUBLIC_PAGE, collective),
    )
    if request.method == "POST" and form.is_valid():
        if services.collective_update(
            collective=collective, actor=request.user, **form.cleaned_data
        ):
            messages.success(request, _("The collective's settings are saved."))
        else:
            messages.info(request, _("You did not change anything."))
        return redirect(collective)
    return render(
        request,
        "collectives/settings.html",
        {"collective": collective, "collective_name": name, "form": form},
    )


@login_required
@require_safe
def collective_history(request: HttpRequest, slug: str) -> HttpResponse:
    collective = access.collective_for_member(request.user, slug)
    page = page_or_404(
        request,
        Change.objects.filter(collective=collective).select_related("actor"),
        HISTORY_PER_PAGE,
    )
    for change in page:
        change.rows = _history_rows(change)
    return render(
        request,
        "collectives/history.html",
        {"collective": collective, "page": page},
    )


@login_required
def collective_leave(request: HttpRequest, slug: str) -> HttpResponse:
    membership = access.collective_membership_for(request.user, slug)
    collective = membership.collective
    others = collective.own_place.memberships.exclude(pk=membership.pk)
    last_member = not others.exists()
    form = LeaveForm(posted(request), last_member=last_member)
    if request.method == "POST" and form.is_valid():
        services.membership_leave(membership=membership)
        messages.success(request, _("You have left %(name)s.") % {"name": collective.name})
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
            and not others.filter(coordinator_since__isnull=False).exists(),
        },
    )


def _history_rows(change: Change) -> list[str]:
    """Each changed value as a short sentence: what it became, what it was, or both."""
    rows = []
    for key, before, after in change.changed_fields():
        label = services.FIELD_LABELS.get(key, key)
        if key not in change.before:
            rows.append(
                _("%(label)s: %(now)s") % {"label": label, "now": _history_value(key, after)}
            )
        elif key not in change.after:
            rows.append(
                _("%(label)s: was %(was)s") % {"label": label, "was": _history_value(key, before)}
            )
        else:
            was, now = _history_value(key, before), _history_value(key, after)
            rows.append(
                _("%(label)s: was %(was)s, now %(now)s") % {"label": label, "was": was, "now": now}
            )
    return rows


def _history_value(key: str, value: Any) -> str:
    """A before/after value in words."""
    if key == "kind":
        return str(dict(CollectiveKind.choices).get(value, value))
    return value_words(key, value)


# The directory of collectives and asking to join one


@require_safe
def directory(request: HttpRequest) -> HttpResponse:
    """The collectives that chose to be listed: no account needed to look."""
    collectives = Collective.objects.listed().order_by("name", "pk")
    if request.user.is_authenticated:
        collectives = collectives.annotate(
            is_mine=Exists(
                PlaceMembership.objects.of_collective(OuterRef("pk")).filter(person=request.user)
            ),
            asked_to_join=Exists(
                JoinRequest.objects.pending().filter(
                    place__collective=OuterRef("pk"),
                    place__kind=PlaceKind.COLLECTIVE,
                    person=request.user,
                )
            ),
        )
    page = page_or_404(request, collectives, DIRECTORY_PER_PAGE)
    return render(request, "collectives/directory.html", {"collectives": page, "page": page})


@login_required
def join_request_create(request: HttpRequest, slug: str) -> HttpResponse:
    """Ask to join a listed collective with a short message to its coordinators. An
    unlisted collective is not found here, whoever asks."""
    collective = get_object_or_404(Collective.objects.listed(), slug=slug)
    if PlaceMembership.objects.of_collective(collective).filter(person=request.user).exists():
        return redirect(collective)
    waiting = (
        JoinRequest.objects.pending()
        .filter(place=collective.own_place, person=request.user)
        .first()
    )
    form = JoinCollectiveForm(posted(request))
    if request.method == "POST" and waiting is None and form.is_valid():
        try:
            services.collective_join_request_create(
                collective=collective, person=request.user, message=form.cleaned_data["message"]
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(
                request,
                _("You asked to join %(name)s. We will email you when a coordinator answers.")
                % {"name": collective.name},
            )
            return redirect("collectives:directory")
    return render(
        request,
        "collectives/join_request.html",
        {"collective": collective, "form": form, "waiting": waiting},
        status=400 if form.errors else 200,
    )


@login_required
@require_safe
def join_request_list(request: HttpRequest, slug: str) -> HttpResponse:
    """The requests to join waiting for a coordinator's answer."""
    collective = _collective_for_answering(request, slug)
    page = page_or_404(
        request,
        JoinRequest.objects.pending()
        .filter(place=collective.own_place)
        .select_related("person")
        .order_by("asked_at", "pk"),
        JOIN_REQUESTS_PER_PAGE,
    )
    return render(
        request,
        "collectives/join_requests.html",
        {
            "collective": collective,
            "join_requests": page,
            "page": page,
            "decline_form": JoinRequestDeclineForm(),
        },
    )


@login_required
@require_POST
def join_request_accept(request: HttpRequest, slug: str, request_pk: int) -> HttpResponse:
    collective = _collective_for_answering(request, slug)
    join_request = _join_request_in(collective, request_pk)
    try:
        services.collective_join_request_accept(join_request=join_request, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("%(name)s is now a member of the collective.") % {"name": join_request.person.name},
        )
    return redirect("collectives:join_requests", slug=collective.slug)


@login_required
@require_POST
def join_request_decline(request: HttpRequest, slug: str, request_pk: int) -> HttpResponse:
    collective = _collective_for_answering(request, slug)
    join_request = _join_request_in(collective, request_pk)
    form = JoinRequestDeclineForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors["reason"]))
        return redirect("collectives:join_requests", slug=collective.slug)
    try:
        services.collective_join_request_decline(
            join_request=join_request, actor=request.user, reason=form.cleaned_data["reason"]
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("You declined %(name)s’s request to join.") % {"name": join_request.person.name},
        )
    return redirect("collectives:join_requests", slug=collective.slug)


def _collective_for_answering(request: HttpRequest, slug: str) -> Collective:
    """The collective, for a member (404 otherwise) who coordinates it (403 otherwise)."""
    collective = access.collective_for_member(request.user, slug)
    roles.require(request.user, services.ANSWER_JOIN_REQUEST, collective)
    return collective


def _join_request_in(collective: Collective, request_pk: int) -> JoinRequest:
    try:
        return (
            JoinRequest.objects.filter(place=collective.own_place)
            .select_related("person", "place__collective")
            .get(pk=request_pk)
        )
    except JoinRequest.DoesNotExist:
        raise Http404("No such request to join here.") from None


def _add_errors(form: JoinCollectiveForm, error: ValidationError) -> None:
    """A service's refusal shown on the form: on its field when it names one."""
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)
