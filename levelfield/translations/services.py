"""Saving and deleting a translation: the only ways its rows change."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from levelfield.lib.manifests import Translatable
from levelfield.people.models import User
from levelfield.translations import registry
from levelfield.translations.models import Translation


def field_label(obj: Any, name: str) -> str:
    """A field's name as people read it ("role title"), from the original's model."""
    return str(obj._meta.get_field(name).verbose_name)


def required_fields(obj: Any, declared: Translatable) -> list[str]:
    """The fields a translation must fill in: those the original has words in."""
    return [name for name in declared.fields if str(getattr(obj, name) or "").strip()]


def _declared(obj: Any, actor: User, language: str) -> Translatable:
    declared = registry.for_object(obj)
    if declared is None:
        raise ValidationError(_("This cannot be translated."), code="not_translatable")
    if language not in registry.languages():
        raise ValidationError(
            _("Choose a language Levelfield offers."), code="language_not_offered"
        )
    if not declared.may_translate(actor, obj):
        raise PermissionDenied("Only members may translate this.")
    return declared


def translation_save(
    *,
    obj: Any,
    language: str,
    text: dict[str, str],
    actor: User,
    now: datetime | None = None,
) -> Translation:
    """Keep the translation of `obj` into `language` (adding or replacing it), with a
    digest of the original's words now, the translator and the time. Every field the
    original has words in needs words; an empty one gets a message naming it."""
    declared = _declared(obj, actor, language)
    unknown = set(text) - set(declared.fields)
    if unknown:
        raise ValidationError(
            _("These are not words that can be translated: %(fields)s")
            % {"fields": ", ".join(sorted(unknown))},
            code="unknown_fields",
        )
    cleaned = {name: str(text.get(name) or "").strip() for name in declared.fields}
    errors = {
        name: ValidationError(
            _("Enter the %(field)s in %(language)s")
            % {"field": field_label(obj, name), "language": registry.language_name(language)},
            code="required",
        )
        for name in required_fields(obj, declared)
        if not cleaned[name]
    }
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        translation, _created = Translation.objects.update_or_create(
            content_type=ContentType.objects.get_for_model(obj, for_concrete_model=True),
            object_id=obj.pk,
            language=language,
            defaults={
                "text": cleaned,
                "source_digest": registry.digest(obj, declared.fields),
                "translated_by": actor,
                "translated_at": now or timezone.now(),
            },
        )
    return translation


def translation_delete(*, obj: Any, language: str, actor: User) -> None:
    """Delete the translation of `obj` into `language`; the original is untouched."""
    _declared(obj, actor, language)
    with transaction.atomic():
        deleted, _rows = Translation.objects.filter(
            content_type=ContentType.objects.get_for_model(obj, for_concrete_model=True),
            object_id=obj.pk,
            language=language,
        ).delete()
    if not deleted:
        raise ValidationError(_("There is no translation to delete."), code="missing")
