"""What a reader sees of something members may translate: its words in the reader's
language where a translation exists, the original otherwise (or when they ask for it).

One query for one object or for a whole list, and none at all when the reader reads the
original's language. Pages take `Shown.obj`, a copy of the original carrying the words
to show (never saved), so their templates keep using `story.title` and the like, and
include "translations/includes/notice.html" with `shown`.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.http import HttpRequest
from django.urls import reverse
from django.utils import translation

from levelfield.lib.manifests import Translatable
from levelfield.translations import registry
from levelfield.translations.models import Translation


def reader_language() -> str:
    """The language the page speaks now (the reader's choice, their browser's or ours)."""
    return translation.get_language() or registry.ORIGINAL_LANGUAGE


@dataclass
class Shown:
    """One object as the reader sees it."""

    original: Any
    obj: Any  # the original's copy with the words to show; never saved
    declared: Translatable | None
    language: str  # the reader's
    # A translation into the reader's language, shown or not (None: there is none).
    available: Translation | None
    asked_for_original: bool
    person: Any = None

    @property
    def translation(self) -> Translation | None:
        """The translation shown, or None when the original is."""
        return None if self.asked_for_original else self.available

    @property
    def text(self) -> dict[str, str]:
        fields = self.declared.fields if self.declared else ()
        return {name: getattr(self.obj, name) for name in fields}

    @cached_property
    def out_of_date(self) -> bool:
        """The original's words changed after the translation was made."""
        if self.available is None or self.declared is None:
            return False
        return self.available.source_digest != registry.digest(self.original, self.declared.fields)

    @property
    def language_name(self) -> str:
        return registry.language_name(self.language)

    @property
    def original_language_code(self) -> str:
        return registry.ORIGINAL_LANGUAGE

    @property
    def original_language_name(self) -> str:
        return registry.language_name(registry.ORIGINAL_LANGUAGE)

    @property
    def url(self) -> str:
        """The page of the object's translations."""
        if self.declared is None:
            return ""
        return reverse(
            "translations:object", args=[registry.slug_of(self.declared.model), self.original.pk]
        )

    @cached_property
    def may_translate(self) -> bool:
        """Whether the reader may add or change translations (asked only when a page
        shows the link, so reading costs no query)."""
        if self.declared is None or not getattr(self.person, "is_authenticated", False):
            return False
        return bool(self.declared.may_translate(self.person, self.original))


def _display(obj: Any, declared: Translatable | None, found: Translation | None) -> Any:
    if found is None or declared is None:
        return obj
    shown = copy.copy(obj)
    for name in declared.fields:
        words = (found.text or {}).get(name)
        if words:
            setattr(shown, name, words)
    return shown


def _translations(objs: Sequence[Any], language: str) -> dict[tuple[str, int], Translation]:
    """The translations of `objs` into `language`, in one query (none for the
    original's language or when nothing can be translated)."""
    if language not in registry.languages():
        return {}
    ids: dict[str, set[int]] = {}
    for obj in objs:
        if obj is not None and obj.pk is not None and registry.for_object(obj) is not None:
            ids.setdefault(registry.label_of(obj), set()).add(obj.pk)
    if not ids:
        return {}
    # Each model's content type from Django's per-process cache, so the query needs no
    # join to it.
    where = Q(pk__in=[])
    labels: dict[int, str] = {}
    for label, pks in ids.items():
        content_type = ContentType.objects.get_by_natural_key(*label.split("."))
        labels[content_type.pk] = label
        where |= Q(content_type_id=content_type.pk, object_id__in=pks)
    rows = (
        Translation.objects.filter(where, language=language)
        .select_related("translated_by")
        .order_by()
    )
    return {(labels[row.content_type_id], row.object_id): row for row in rows}


def shown_list(
    objs: Iterable[Any],
    *,
    person: Any = None,
    original: bool = False,
    language: str | None = None,
) -> list[Shown]:
    """Each object as the reader sees it, in one query for the whole list."""
    objs = list(objs)
    language = language or reader_language()
    found = _translations(objs, language)
    result = []
    for obj in objs:
        declared = registry.for_object(obj)
        available = found.get((registry.label_of(obj), obj.pk))
        result.append(
            Shown(
                original=obj,
                obj=_display(obj, declared, None if original else available),
                declared=declared,
                language=language,
                available=available,
                asked_for_original=original,
                person=person,
            )
        )
    return result


def shown_one(
    obj: Any, *, person: Any = None, original: bool = False, language: str | None = None
) -> Shown:
    """One object as the reader sees it (at most one query)."""
    return shown_list([obj], person=person, original=original, language=language)[0]


def shown_for(request: HttpRequest, obj: Any) -> Shown:
    """One object as the person making the request sees it; `?original=1` shows the
    original whatever their language."""
    return shown_one(obj, person=request.user, original=request.GET.get("original") == "1")
