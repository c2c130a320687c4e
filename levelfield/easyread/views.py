"""The easy-read page of an object, the form to write it and deleting it (after
confirming), and its uploaded pictures.

Every page finds the object through its EasyReadable's `find` (404 for anyone who may
not read it); writing asks `may_write` (403 for readers who may not write). GET never
writes.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from levelfield.easyread import pictures, registry, services
from levelfield.easyread.forms import BLANK_ROWS, MORE_ROWS, PointFormSet, VersionForm
from levelfield.easyread.models import EasyReadPoint, EasyReadVersion
from levelfield.lib.forms import posted, posted_files
from levelfield.lib.manifests import EasyReadable

GET_AND_POST = require_http_methods(["GET", "HEAD", "POST"])
PREFIX = "points"
ROW_FIELDS = ("text", "picture", "alt", "keep_image_of", "remove_image")


def _found(request: HttpRequest, model: str, pk: int) -> tuple[EasyReadable, Any]:
    declared = registry.from_slug(model)
    return declared, declared.find(request.user, pk)


def _writable(request: HttpRequest, model: str, pk: int) -> tuple[EasyReadable, Any]:
    """The object for someone who may write its easy-read version: 404, then 403."""
    declared, obj = _found(request, model, pk)
    if not declared.may_write(request.user, obj):
        raise PermissionDenied("Only the page's team may write its easy-read version.")
    return declared, obj


def _name(declared: EasyReadable, obj: Any) -> str:
    return str(getattr(obj, "title", "") or "") or str(declared.label).capitalize()


def _full_url(declared: EasyReadable, obj: Any) -> str:
    if declared.url is not None:
        return declared.url(obj)
    url = getattr(obj, "get_absolute_url", None)
    return url() if url else ""


def _context(declared: EasyReadable, obj: Any, **extra: Any) -> dict[str, Any]:
    return {
        "declared": declared,
        "obj": obj,
        "model": registry.slug_of(declared.model),
        "name": _name(declared, obj),
        "label": declared.label,
        "full_url": _full_url(declared, obj),
        **extra,
    }


def _picture_url(model: str, pk: int, point: EasyReadPoint) -> str:
    if point.picture:
        return pictures.url_of(point.picture)
    if point.image:
        return reverse("easyread:picture", args=[model, pk, point.pk])
    return ""


@require_safe
def easy_read_page(request: HttpRequest, model: str, pk: int) -> HttpResponse:
    """The easy-read version: big words, one point to a row, a picture beside each."""
    declared, obj = _found(request, model, pk)
    version = services.version_of(obj)
    may_write = request.user.is_authenticated and declared.may_write(request.user, obj)
    if version is None:
        if not may_write:
            raise Http404("This page has no easy-read version.")
        return redirect("easyread:edit", model=model, pk=pk)
    points = [
        (point, _picture_url(model, pk, point)) for point in version.points.order_by("position")
    ]
    return render(
        request,
        "easyread/page.html",
        _context(
            declared,
            obj,
            version=version,
            points=points,
            may_write=may_write,
            out_of_date=version.source_digest != registry.source_digest(obj, declared),
        ),
    )


def _rows_posted(request: HttpRequest) -> list[dict[str, Any]]:
    """The rows as they were sent, to show again with more below ("Add more points")."""
    try:
        total = int(request.POST.get(f"{PREFIX}-TOTAL_FORMS", 0))
    except ValueError:
        total = 0
    total = min(max(total, 0), PointFormSet.absolute_max - MORE_ROWS)
    return [
        {name: request.POST.get(f"{PREFIX}-{index}-{name}", "") for name in ROW_FIELDS}
        for index in range(total)
    ]


@login_required
@GET_AND_POST
def easy_read_edit(request: HttpRequest, model: str, pk: int) -> HttpResponse:
    """Write or change the easy-read version. Works without JavaScript: a few blank
    rows, and "Add more points" sends the form back with more (saving nothing)."""
    declared, obj = _writable(request, model, pk)
    version = services.version_of(obj)
    existing = list(version.points.order_by("position")) if version else []
    kept = {
        point.pk: reverse("easyread:picture", args=[model, pk, point.pk])
        for point in existing
        if point.image
    }
    status = 200
    if request.method == "POST" and "more" in request.POST:
        form = VersionForm(initial={"title": request.POST.get("title", "")})
        rows = _rows_posted(request) + [{} for _row in range(MORE_ROWS)]
        formset = PointFormSet(prefix=PREFIX, initial=rows, kept=kept)
        if request.FILES:
            messages.info(
                request,
                _("Choose your uploaded pictures again: they are not kept until you save."),
            )
    elif request.method == "POST":
        form = VersionForm(request.POST)
        formset = PointFormSet(posted(request), posted_files(request), prefix=PREFIX, kept=kept)
        if form.is_valid() and formset.is_valid():
            try:
                services.easy_read_save(
                    obj=obj,
                    title=form.cleaned_data["title"],
                    points=formset.points(),
                    actor=request.user,
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The easy-read version is saved."))
                return redirect("easyread:page", model=model, pk=pk)
        status = 400
    else:
        form = VersionForm(initial={"title": version.title if version else ""})
        rows: list[dict[str, Any]] = [
            {
                "text": point.text,
                "picture": point.picture,
                # A built-in picture's own words stay empty, so choosing another picture
                # brings that picture's words rather than keeping the wrong ones.
                "alt": "" if point.alt == pictures.default_alt(point.picture) else point.alt,
                "keep_image_of": point.pk if point.image else None,
            }
            for point in existing
        ]
        formset = PointFormSet(
            prefix=PREFIX, initial=rows + [{} for _row in range(BLANK_ROWS)], kept=kept
        )
    return render(
        request,
        "easyread/form.html",
        _context(
            declared,
            obj,
            form=form,
            formset=formset,
            version=version,
            pictures=[(key, pictures.url_of(key), name) for key, name in pictures.choices()],
            out_of_date=version is not None
            and version.source_digest != registry.source_digest(obj, declared),
        ),
        status=status,
    )


@login_required
@GET_AND_POST
def easy_read_delete(request: HttpRequest, model: str, pk: int) -> HttpResponse:
    """Deleting cannot be undone, so it asks to confirm first."""
    declared, obj = _writable(request, model, pk)
    if services.version_of(obj) is None:
        raise Http404("There is no easy-read version to delete.")
    if request.method != "POST":
        context = {
            "caption": _name(declared, obj),
            "question": _("Delete the easy-read version?"),
            "explanation": _(
                "People will see only the full version of this page. You cannot undo this."
            ),
            "button": _("Yes, delete the easy-read version"),
            "back_url": reverse("easyread:page", args=[model, pk]),
            "back_text": _("No, keep it"),
        }
        return render(request, "confirm.html", context)
    services.easy_read_delete(obj=obj, actor=request.user)
    messages.success(request, _("The easy-read version is deleted."))
    full_url = _full_url(declared, obj)
    return redirect(full_url) if full_url else redirect("home")


@require_safe
def easy_read_picture(request: HttpRequest, model: str, pk: int, point_pk: int) -> FileResponse:
    """An uploaded picture, only to those who may read the page."""
    _declared, obj = _found(request, model, pk)
    point = get_object_or_404(
        EasyReadPoint.objects.filter(
            version__in=EasyReadVersion.objects.filter(
                content_type__app_label=obj._meta.app_label,
                content_type__model=obj._meta.model_name,
                object_id=obj.pk,
            )
        ).exclude(image=""),
        pk=point_pk,
    )
    png = point.image.name.endswith(".png")
    response = FileResponse(
        point.image.open("rb"), content_type="image/png" if png else "image/jpeg"
    )
    response["Cache-Control"] = "private, max-age=3600"
    response["X-Content-Type-Options"] = "nosniff"
    return response
