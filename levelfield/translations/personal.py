"""The translations app's part of a person's data download and erasure (manifest.py)."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.db.models import Q

from levelfield.lib.manifests import ErasureContext, when
from levelfield.translations import registry
from levelfield.translations.models import Translation


def export(person: Any) -> dict[str, list[dict]]:
    """What the person translated: the kind of thing and its id, the language, when,
    and their words."""
    rows = (
        Translation.objects.filter(translated_by=person)
        .select_related("content_type")
        .order_by("pk")
    )
    made = []
    for row in rows:
        model = f"{row.content_type.app_label}.{row.content_type.model}"
        declared = registry.translatables().get(model)
        made.append(
            {
                "what": f"{declared.label if declared else model} {row.object_id}",
                "language": registry.language_name(row.language),
                "translated": when(row.translated_at),
                "words": dict(row.text),
            }
        )
    return {"translations_you_made": made}


def _collective_lookup(model: Any) -> str | None:
    """How a translatable model reaches its collective, for erasure's "where they were"."""
    names = {field.name for field in model._meta.get_fields()}
    if "collective" in names:
        return "collective_id__in"
    if "place" in names:
        return "place__collective_id__in"
    return None


def erase(context: ErasureContext) -> None:
    """Translations stay (the words are the place's, like the original's); the link to
    the translator goes by SET_NULL when their row is deleted. Their names go from the
    words of translations they made and of translations of things in the collectives
    where they were, as the originals' apps take them from the originals."""
    where = Q(translated_by=context.person)
    for model_label in registry.translatables():
        model = apps.get_model(model_label)
        lookup = _collective_lookup(model)
        if lookup is None:
            continue
        app_label, model_name = model_label.split(".")
        where |= Q(
            content_type__app_label=app_label,
            content_type__model=model_name,
            object_id__in=model._default_manager.filter(**{lookup: context.collective_ids}).values(
                "pk"
            ),
        )
    context.forget(Translation.objects.filter(where), ["text"])
