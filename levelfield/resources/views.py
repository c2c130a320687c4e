"""Pages for a collective's resource map: the map by stage, the searchable list, a
resource, suggesting one, and the coordinator's answers.

Every page starts with `access.py`, so someone outside the collective gets a 404.
Coordinator-only changes are refused with 403 for other members (they can see the
page, and that it is the coordinator's job).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, F, QuerySet, Window
from django.db.models.functions import RowNumber
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST, require_safe

from levelfield.collectives import roles
from levelfield.collectives.models import Collective
from levelfield.collectives.roles import Action
from levelfield.lib import cache as lib_cache
from levelfield.lib.forms import posted, posted_files
from levelfield.lib.paging import page_or_404
from levelfield.places.models import PlaceMembership
from levelfield.resources import access, services
from levelfield.resources.forms import DeclineForm, MapFilterForm, SearchForm, SuggestForm
from levelfield.resources.models import (
    Facet,
    MapVersion,
    Resource,
    ResourceLabel,
    Stage,
    Status,
)
from levelfield.resources.search import resources_search

PAGE_SIZE = 25
# The map's kept HTML is right for its version; this only bounds what the cache holds.
MAP_SECONDS = 60 * 60
# A stage shows at most this many on the map (a page stays readable, and small on a
# phone); the rest are one link away in the list, filtered to that stage.
MAP_PER_STAGE = 12


def _curator(membership: PlaceMembership) -> bool:
    return roles.may(membership.person, Action.CURATE_RESOURCES, membership.collective)


def _filtered(resources: QuerySet[Resource], filters: dict[str, str]) -> QuerySet[Resource]:
    for name, facet in (
        ("stage", Facet.STAGE),
        ("audience", Facet.AUDIENCE),
        ("topic", Facet.TOPIC),
    ):
        if filters.get(name):
            resources = resources.labelled(facet, filters[name])
    if filters.get("format"):
        resources = resources.filter(format=filters["format"])
    return resources


def _waiting_count(collective: Collective) -> int:
    return Resource.objects.filter(collective=collective, status=Status.SUGGESTED).count()


def _first_of_each_stage(
    on_map: QuerySet[Resource],
) -> tuple[list[tuple[str, int]], dict[str, int]]:
    """(stage, resource id) for the first MAP_PER_STAGE resources of each stage (by
    title), and how many each stage has, in two queries whatever the size of the map:
    a window function numbers each stage's resources in the database, so only what the
    page shows is loaded (2,000 resources took 2 s when every one was loaded)."""
    stage_labels = ResourceLabel.objects.filter(facet=Facet.STAGE, resource__in=on_map)
    counts = dict(stage_labels.values_list("value").annotate(n=Count("pk")).order_by())
    numbered = stage_labels.annotate(
        place=Window(
            RowNumber(),
            partition_by=[F("value")],
            order_by=[F("resource__title").asc(), F("resource_id").asc()],
        )
    ).filter(place__lte=MAP_PER_STAGE)
    pairs = list(numbered.order_by("value", "place").values_list("value", "resource_id"))
    return pairs, counts


def _stages(collective: Collective, filters: dict[str, str]) -> dict[str, Any]:
    """The map's stages as HTML, with how many resources match: the same for every
    member, so kept per map version (MapVersion's token, moved by every service that
    changes what the map shows). Rendering 108 resources and loading their labels took
    most of the page's time (57 ms of CPU)."""

    def work() -> dict[str, Any]:
        on_map = _filtered(Resource.objects.on_map_of(collective.pk), filters)
        shown, counts = _first_of_each_stage(on_map)
        loaded = Resource.objects.filter(pk__in={pk for _, pk in shown}).prefetch_related("labels")
        resources = {resource.pk: resource for resource in loaded}
        by_stage: dict[str, list[Resource]] = {value: [] for value in Stage.values}
        for stage, pk in shown:
            by_stage[stage].append(resources[pk])
        context = {
            "collective": collective,
            "filtered": bool(filters),
            "stages": [
                (value, label, by_stage[value], counts.get(value, 0))
                for value, label in Stage.choices
            ],
            "filters_query": "".join(f"&{name}={value}" for name, value in filters.items()),
        }
        return {
            "html": str(render_to_string("resources/includes/map_stages.html", context)),
            "resource_count": on_map.count(),
        }

    token = MapVersion.objects.filter(collective=collective).values_list("token", flat=True)
    version = token.first()
    if version is None:  # a map no service has changed yet: nothing to keep
        return work()
    chosen = tuple(f"{name}={value}" for name, value in sorted(filters.items()))
    return lib_cache.versioned(
        "resources:map-stages",
        (collective.pk, version, collective.slug, *chosen),
        work,
        seconds=MAP_SECONDS,
    )


@login_required
@require_safe
def resource_map(request: HttpRequest, slug: str) -> HttpResponse:
    """The research stages in order, each with the resources that help at that stage."""
    membership = access.map_membership_for(request.user, slug)
    collective = membership.collective
    form = MapFilterForm(request.GET or None)
    filters = form.chosen()
    stages = _stages(collective, filters)
    resource_count = stages["resource_count"]
    context = {
        "collective": collective,
        "form": form,
        "filtered": bool(filters),
        "stages_html": mark_safe(stages["html"]),  # noqa: S308 (made by our template)
        "resource_count": resource_count,
        "waiting": _waiting_count(collective),
        "curator": _curator(membership),
        "map_is_empty": not resource_count and not filters,
    }
    return render(request, "resources/map.html", context)


@login_required
@require_safe
def resource_list(request: HttpRequest, slug: str) -> HttpResponse:
    """Every resource on the map as a list, searched and filtered."""
    membership = access.map_membership_for(request.user, slug)
    collective = membership.collective
    form = SearchForm(request.GET or None)
    filters = form.chosen()
    resources = _filtered(Resource.objects.on_map_of(collective.pk), filters)
    query = filters.get("q", "")
    resources = resources_search(resources, query) if query else resources.order_by("title", "pk")
    page = page_or_404(request, resources.prefetch_related("labels"), PAGE_SIZE)
    context = {
        "collective": collective,
        "form": form,
        "query": query,
        "filtered": bool(filters),
        "page": page,
    }
    return render(request, "resources/list.html", context)


@login_required
@require_safe
def resource_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    membership, resource = access.resource_for_member(request.user, slug, pk)
    context = {
        "collective": membership.collective,
        "resource": resource,
        "curator": _curator(membership),
    }
    return render(request, "resources/detail.html", context)


@login_required
@require_safe
def resource_file(request: HttpRequest, slug: str, pk: int) -> FileResponse:
    """An uploaded resource file, for members only, as a download of the type we found."""
    _, resource = access.resource_for_member(request.user, slug, pk)
    if not resource.file:
        raise Http404("This resource has no file.")
    try:
        handle = resource.file.open("rb")
    except FileNotFoundError:
        raise Http404("The file is missing.") from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=resource.file_name or resource.file.name.rsplit("/", 1)[-1],
        content_type=resource.file_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def resource_suggest(request: HttpRequest, slug: str) -> HttpResponse:
    membership = access.map_membership_for(request.user, slug)
    collective = membership.collective
    form = SuggestForm(posted(request), posted_files(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        details = services.ResourceDetails(
            title=data["title"],
            summary=data["summary"],
            format=data["format"],
            cost=data["cost"],
            url=data["url"],
            upload=data["file"] or None,
            stages=data["stages"],
            audiences=data["audiences"],
            topics=data["topics"],
            reason=data["reason"],
        )
        resource = services.resource_suggest(
            collective=collective, person=request.user, details=details
        )
        if resource.is_suggested:
            messages.success(
                request,
                _(
                    "Thank you. You suggested “%(title)s”; a coordinator will accept it "
                    "or say why not, and we will let you know."
                )
                % {"title": resource.title},
            )
        else:
            messages.success(request, _("“%(title)s” is on the map.") % {"title": resource.title})
        return redirect("resources:detail", slug=collective.slug, pk=resource.pk)
    context = {"collective": collective, "form": form, "curator": _curator(membership)}
    return render(request, "resources/suggest.html", context)


@login_required
@require_safe
def resource_suggestions(request: HttpRequest, slug: str) -> HttpResponse:
    """Suggestions waiting for a coordinator, recent answers and links that may be broken.
    Every member sees this page; only a coordinator answers."""
    membership = access.map_membership_for(request.user, slug)
    collective = membership.collective
    mine = Resource.objects.filter(collective=collective).select_related(
        "suggested_by", "answered_by"
    )
    context = {
        "collective": collective,
        "curator": _curator(membership),
        "waiting": list(mine.filter(status=Status.SUGGESTED).order_by("suggested_at", "pk")),
        "declined": list(mine.filter(status=Status.DECLINED).order_by("-answered_at", "-pk")[:20]),
        "broken": list(
            mine.filter(status=Status.ACCEPTED, link_status="broken").order_by("title", "pk")
        ),
    }
    return render(request, "resources/suggestions.html", context)


def _curator_resource(request: HttpRequest, slug: str, pk: int) -> Resource:
    membership, resource = access.resource_for_member(request.user, slug, pk)
    if not _curator(membership):
        raise PermissionDenied("Only the coordinator accepts or declines suggestions.")
    return resource


@login_required
@require_POST
def resource_accept(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    resource = _curator_resource(request, slug, pk)
    try:
        services.resource_accept(resource=resource, actor=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("“%(title)s” is on the map.") % {"title": resource.title})
    return redirect("resources:suggestions", slug=slug)


@login_required
def resource_decline(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    resource = _curator_resource(request, slug, pk)
    if not resource.is_suggested:
        messages.error(
            request, _("“%(title)s” has already been answered.") % {"title": resource.title}
        )
        return redirect("resources:suggestions", slug=slug)
    form = DeclineForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.resource_decline(
                resource=resource, actor=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            messages.error(request, error.messages[0])
        else:
            messages.success(
                request, _("You declined “%(title)s” and said why.") % {"title": resource.title}
            )
        return redirect("resources:suggestions", slug=slug)
    context = {"collective": resource.collective, "resource": resource, "form": form}
    return render(request, "resources/decline.html", context)


@login_required
def resource_map_start(request: HttpRequest, slug: str) -> HttpResponse:
    """Copy the shared starter set onto this collective's map (the coordinator's job)."""
    membership = access.map_membership_for(request.user, slug)
    collective = membership.collective
    curator = _curator(membership)
    if request.method == "POST":
        if not curator:
            raise PermissionDenied("Only the coordinator copies the starter set.")
        copied = services.resource_map_copy_shared(collective=collective, actor=request.user)
        if copied:
            messages.success(
                request,
                ngettext(
                    "You copied %(count)s resource onto the map.",
                    "You copied %(count)s resources onto the map.",
                    copied,
                )
                % {"count": copied},
            )
        else:
            messages.info(request, _("The map already has everything in the starter set."))
        return redirect("resources:map", slug=collective.slug)
    already = Resource.objects.filter(collective=collective, copied_from__isnull=False)
    new = Resource.objects.shared().exclude(pk__in=already.values("copied_from_id")).count()
    context = {"collective": collective, "curator": curator, "new_count": new}
    return render(request, "resources/start.html", context)
