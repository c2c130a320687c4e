"""`{% easy_read_state object person may_write as easy %}`: whether a page has an
easy-read version (one query) and, only when it has none, whether the reader may write
one (asked of the page's own rule unless the page already knows)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any

from django import template
from django.urls import reverse

from levelfield.easyread import registry
from levelfield.easyread.models import EasyReadVersion
from levelfield.lib.manifests import EasyReadable

register = template.Library()


@dataclass
class EasyState:
    obj: Any
    declared: EasyReadable | None
    person: Any
    known_may_write: bool | None

    @cached_property
    def exists(self) -> bool:
        if self.declared is None or getattr(self.obj, "pk", None) is None:
            return False
        # By the content type's names, joined in this one query, rather than a cached id
        # whose first look-up would be a query of its own.
        meta = self.obj._meta.concrete_model._meta
        return EasyReadVersion.objects.filter(
            content_type__app_label=meta.app_label,
            content_type__model=meta.model_name,
            object_id=self.obj.pk,
        ).exists()

    @cached_property
    def may_write(self) -> bool:
        if self.declared is None or not getattr(self.person, "is_authenticated", False):
            return False
        if self.known_may_write is not None:
            return self.known_may_write
        return bool(self.declared.may_write(self.person, self.obj))

    def _address(self, name: str) -> str:
        assert self.declared is not None  # noqa: S101 - only asked when declared
        return reverse(name, args=[registry.slug_of(self.declared.model), self.obj.pk])

    @property
    def url(self) -> str:
        return self._address("easyread:page")

    @property
    def edit_url(self) -> str:
        return self._address("easyread:edit")


@register.simple_tag
def easy_read_state(obj: Any, person: Any, may_write: Any = None) -> EasyState:
    """`may_write` is what the page already knows ("" or None: not known)."""
    known = None if may_write in (None, "") else bool(may_write)
    return EasyState(
        obj=obj,
        declared=registry.for_object(obj) if obj is not None else None,
        person=person,
        known_may_write=known,
    )
