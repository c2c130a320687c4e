"""Pages of an object's translations: the list of languages, the form for one language
and deleting one (after confirming).

Every page finds the object through its Translatable's `find` (404 for anyone who may
not read it), then asks `may_translate` (403 for readers who may not translate). GET
never writes.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from levelfield.lib.forms import posted
from levelfield.lib.manifests import Translatable
from levelfield.translations import registry, services
from levelfield.translations.forms import TranslationForm
from levelfield.translations.models import Translation

GET_AND_POST = require_http_methods(["GET", "HEAD", "POST"])


def _translatable(request: HttpRequest, model: str, pk: int) -> tuple[Translatable, Any]:
    """The object for someone who may translate it: 404, then 403."""
    declared = registry.from_slug(model)
    obj = declared.find(request.user, pk)
    if not declared.may_translate(request.user, obj):
        raise PermissionDenied("Only members may translate this.")
    return declared, obj


def _offered(language: str) -> str:
    if language not in registry.languages():
        raise Http404("That language is not offered.")
    return language


def _rows(obj: Any) -> Any:
    return Translation.objects.filter(
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=True),
        object_id=obj.pk,
    ).select_related("translated_by")


def _context(declared: Translatable, obj: Any, **extra: Any) -> dict[str, Any]:
    first = obj._meta.get_field(declared.fields[0])
    name = getattr(obj, first.name) if isinstance(first, models.CharField) else ""
    url = getattr(obj, "get_absolute_url", None)
    return {
        "declared": declared,
        "obj": obj,
        "model": registry.slug_of(declared.model),
        "name": name or declared.label,
        "label": declared.label,
        "object_url": url() if url else "",
        "original_language": registry.language_name(registry.ORIGINAL_LANGUAGE),
        "original_code": registry.ORIGINAL_LANGUAGE,
        **extra,
    }


@login_required
@require_safe
def object_translations(request: HttpRequest, model: str, pk: int) -> HttpResponse:
    """Each language the object may be translated into, and the state of its
    translation: none yet, up to date or out of date."""
    declared, obj = _translatable(request, model, pk)
    found = {row.language: row for row in _rows(obj)}
    now = registry.digest(obj, declared.fields)
    languages = [
        {
            "code": code,
            "name": name,
            "translation": found.get(code),
            "out_of_date": code in found and found[code].source_digest != now,
        }
        for code, name in registry.languages().items()
    ]
    return render(
        request,
        "translations/object.html",
        _context(declared, obj, languages=languages),
    )


@login_required
@GET_AND_POST
def translation_edit(request: HttpRequest, model: str, pk: int, language: str) -> HttpResponse:
    """The form: the original's words beside a field for each in the language."""
    _offered(language)
    declared, obj = _translatable(request, model, pk)
    existing = _rows(obj).filter(language=language).first()
    form = TranslationForm(
        posted(request),
        obj=obj,
        declared=declared,
        language=language,
        initial=dict(existing.text) if existing else {},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.translation_save(
                obj=obj, language=language, text=form.words(), actor=request.user
            )
        except ValidationError as error:
            for field, problems in error.message_dict.items():
                form.add_error(field if field in form.fields else None, problems)
        else:
            messages.success(request, _("The translation is saved."))
            return redirect("translations:object", model=model, pk=pk)
    originals = [
        (form[name], getattr(obj, name), services.field_label(obj, name))
        for name in declared.fields
    ]
    return render(
        request,
        "translations/form.html",
        _context(
            declared,
            obj,
            form=form,
            originals=originals,
            language=language,
            language_name=registry.language_name(language),
            existing=existing,
            out_of_date=existing is not None
            and existing.source_digest != registry.digest(obj, declared.fields),
        ),
        status=400 if form.errors else 200,
    )


@login_required
@GET_AND_POST
def translation_delete(request: HttpRequest, model: str, pk: int, language: str) -> HttpResponse:
    """Deleting a translation cannot be undone, so it asks to confirm first."""
    _offered(language)
    declared, obj = _translatable(request, model, pk)
    if not _rows(obj).filter(language=language).exists():
        raise Http404("There is no translation to delete.")
    language_name = registry.language_name(language)
    if request.method != "POST":
        context = {
            "caption": _context(declared, obj)["name"],
            "question": _("Delete the translation into %(language)s?")
            % {"language": language_name},
            "explanation": _(
                "People reading in %(language)s will see the original instead. "
                "You cannot undo this."
            )
            % {"language": language_name},
            "button": _("Yes, delete the translation"),
            "back_url": reverse("translations:edit", args=[model, pk, language]),
            "back_text": _("No, keep it"),
        }
        return render(request, "confirm.html", context)
    services.translation_delete(obj=obj, language=language, actor=request.user)
    messages.success(request, _("The translation is deleted."))
    return redirect("translations:object", model=model, pk=pk)
