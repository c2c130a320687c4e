"""Pages for impact records: a place's impacts (filtered), recording one, one impact
with its evidence and what it is linked to, changing, linking, publishing and deleting
it, its history, and its evidence file.

Every page starts with one access helper (`places.access.place_for_member` for a
place's pages, `access.impact_for_member` for an impact's), so someone outside gets a
404. No page writes when opened.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from levelfield.collectives.roles import Action, may
from levelfield.history.models import Change
from levelfield.impact import services
from levelfield.impact.access import impact_for_member
from levelfield.impact.forms import FilterForm, ImpactForm, LinkForm
from levelfield.impact.models import Impact
from levelfield.lib import words
from levelfield.lib.forms import posted, posted_files
from levelfield.lib.paging import page_or_404
from levelfield.places.access import place_for_member

GET_AND_POST = require_http_methods(["GET", "HEAD", "POST"])
PER_PAGE = 25


@dataclass(frozen=True)
class ImpactRow:
    """One impact as the list shows it, worked out once in the view: the template's
    per-row lookups, include, labels and dates cost most of the page (25 rows)."""

    url: str
    title: str
    is_published: bool
    line: str  # "For patients, a changed service, 3 March 2026", escaped


def _impact_row(impact: Impact) -> ImpactRow:
    values = {
        "who": impact.get_for_whom_display().lower(),
        "kind": impact.get_kind_display().lower(),
        "when": words.day(impact.happened_on),
    }
    # As {% blocktranslate %} does: the words' values escaped, the sentence not.
    line = _("For %(who)s, %(kind)s, %(when)s") % {
        name: conditional_escape(value) for name, value in values.items()
    }
    return ImpactRow(
        url=reverse("impact:detail", args=[impact.pk]),
        title=impact.title,
        is_published=impact.is_published,
        line=mark_safe(line),  # noqa: S308 - the values are escaped above
    )


@login_required
@require_safe
def impact_list(request: HttpRequest, place_pk: int) -> HttpResponse:
    """What changed because of the place's work, newest first, filtered by whom it was
    for, its kind and status, a page at a time."""
    place = place_for_member(request.user, place_pk)
    filters = FilterForm(request.GET or None)
    chosen = filters.chosen()
    impacts = (
        Impact.objects.in_place(place)
        .filter(**chosen)
        .only("pk", "title", "status", "for_whom", "kind", "happened_on")
    )
    page = page_or_404(request, impacts, PER_PAGE)
    page.object_list = [_impact_row(impact) for impact in page.object_list]
    return render(
        request,
        "impact/list.html",
        {"place": place, "page": page, "filters": filters, "filtered": bool(chosen)},
    )


def _form_page(
    request: HttpRequest, form: ImpactForm, place: object, **extra: object
) -> HttpResponse:
    return render(request, "impact/form.html", {"place": place, "form": form, **extra})


@login_required
@GET_AND_POST
def impact_create(request: HttpRequest, place_pk: int) -> HttpResponse:
    place = place_for_member(request.user, place_pk, action=Action.EDIT)
    form = ImpactForm(posted(request), posted_files(request), initial={"show_publicly": "no"})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            impact = services.impact_create(actor=request.user, place=place, **data)
        except ValidationError as error:
            form.add_error("evidence_file", error.messages[0])
        else:
            messages.success(
                request, _("Impact recorded as a draft. Now link the outputs and involvement.")
            )
            return redirect("impact:links", pk=impact.pk)
    return _form_page(request, form, place)


@login_required
@require_safe
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    impact = impact_for_member(request.user, pk)
    context = {
        "place": impact.place,
        "impact": impact,
        "outputs": list(impact.outputs.order_by("-date", "-id")),
        "entries": list(impact.entries.order_by("-happened_on", "-id")),
        "may_publish": may(request.user, Action.PUBLISH_IMPACT, impact.place.owner),
        "may_change": services.may_change(request.user, impact),
    }
    return render(request, "impact/detail.html", context)


def _for_changing(request: HttpRequest, pk: int) -> Impact:
    """The impact, for someone who may change it: any member while it is a draft, only
    those who may publish it once it is published (403 with why, for other members)."""
    impact = impact_for_member(request.user, pk)
    if not services.may_change(request.user, impact):
        raise PermissionDenied(services.PUBLISHED_REFUSAL)
    return impact


@login_required
@GET_AND_POST
def impact_edit(request: HttpRequest, pk: int) -> HttpResponse:
    impact = _for_changing(request, pk)
    form = ImpactForm(posted(request), posted_files(request), instance=impact)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            services.impact_update(actor=request.user, impact=impact, **data)
        except ValidationError as error:
            form.add_error("evidence_file", error.messages[0])
        else:
            messages.success(request, _("Impact changed."))
            return redirect(impact)
    return _form_page(request, form, impact.place, impact=impact)


@login_required
@GET_AND_POST
def links(request: HttpRequest, pk: int) -> HttpResponse:
    """Link the outputs that carried the change and the involvement it came from."""
    impact = _for_changing(request, pk)
    form = LinkForm(posted(request), impact=impact)
    if request.method == "POST" and form.is_valid():
        try:
            services.impact_link(
                actor=request.user,
                impact=impact,
                outputs=form.cleaned_data["outputs"],
                entries=form.cleaned_data["entries"],
            )
        except services.ImpactError as error:
            form.add_error(error.code if error.code in form.fields else None, error.messages[0])
        else:
            messages.success(request, _("What the impact is linked to is saved."))
            return redirect(impact)
    return render(
        request, "impact/links.html", {"place": impact.place, "impact": impact, "form": form}
    )


def _for_coordinator(request: HttpRequest, pk: int) -> Impact:
    impact = impact_for_member(request.user, pk)
    if not may(request.user, Action.PUBLISH_IMPACT, impact.place.owner):
        raise PermissionDenied(_("Only the coordinator publishes an impact."))
    return impact


@login_required
@GET_AND_POST
def publish(request: HttpRequest, pk: int) -> HttpResponse:
    """Publishing puts the impact into reports (and on the public page when chosen), so
    it asks first."""
    impact = _for_coordinator(request, pk)
    if request.method != "POST":
        context = {
            "caption": impact.title,
            "question": _("Publish this impact?"),
            "explanation": _(
                "Reports generated from now on will include it, with what changed and for "
                "whom. It will also be shown on the collective’s public page. You can take "
                "it back to a draft later."
            )
            if impact.show_publicly
            else _(
                "Reports generated from now on will include it, with what changed and for "
                "whom. You can take it back to a draft later."
            ),
            "button": _("Yes, publish it"),
            "back_url": impact.get_absolute_url(),
            "back_text": _("No, keep it as a draft"),
        }
        return render(request, "confirm.html", context)
    services.impact_publish(actor=request.user, impact=impact)
    messages.success(request, _("The impact is published."))
    return redirect(impact)


@login_required
@GET_AND_POST
def unpublish(request: HttpRequest, pk: int) -> HttpResponse:
    impact = _for_coordinator(request, pk)
    if request.method != "POST":
        context = {
            "caption": impact.title,
            "question": _("Take this impact back to a draft?"),
            "explanation": _(
                "Reports generated from now on will leave it out, and it leaves "
                "the public page. Reports already generated keep what they said."
            ),
            "button": _("Yes, make it a draft"),
            "back_url": impact.get_absolute_url(),
            "back_text": _("No, keep it published"),
        }
        return render(request, "confirm.html", context)
    services.impact_unpublish(actor=request.user, impact=impact)
    messages.success(request, _("The impact is a draft again."))
    return redirect(impact)


@login_required
@GET_AND_POST
def impact_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """Deleting an impact and its evidence cannot be undone, so it asks first."""
    impact = _for_changing(request, pk)
    if request.method != "POST":
        context = {
            "caption": impact.title,
            "question": _("Delete this impact?"),
            "explanation": _(
                "The impact, its evidence file and its links are deleted from %(place)s. The "
                "outputs and involvement it was linked to stay. The history keeps a note of "
                "it. You cannot undo this."
            )
            % {"place": impact.place.name},
            "button": _("Yes, delete the impact"),
            "back_url": impact.get_absolute_url(),
            "back_text": _("No, keep it"),
        }
        return render(request, "confirm.html", context)
    place = impact.place
    services.impact_delete(actor=request.user, impact=impact)
    messages.success(request, _("The impact is deleted."))
    return redirect("impact:place_list", place_pk=place.pk)


@login_required
@require_safe
def history(request: HttpRequest, pk: int) -> HttpResponse:
    """Every change to the impact: who, when, before and after."""
    impact = impact_for_member(request.user, pk)
    changes = Change.objects.filter(subject_type="impact", subject_id=impact.pk).select_related(
        "actor"
    )
    page = page_or_404(request, changes.order_by("-at", "-pk"), PER_PAGE)
    return render(
        request, "impact/history.html", {"place": impact.place, "impact": impact, "page": page}
    )


@login_required
@require_safe
def evidence_file(request: HttpRequest, pk: int) -> FileResponse:
    """The evidence file, for members only, as a download of the type its content
    showed (never a public media address)."""
    impact = impact_for_member(request.user, pk)
    if not impact.evidence_file:
        raise Http404("This impact has no file.")
    try:
        handle = impact.evidence_file.open("rb")
    except FileNotFoundError:
        raise Http404("The file is missing.") from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=impact.evidence_file_name or impact.evidence_file.name.rsplit("/", 1)[-1],
        content_type=impact.evidence_file_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
