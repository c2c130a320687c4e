"""What may have an easy-read version, found in every app's manifest
(`AppManifest.easy_read`). Addresses and the "out of date" digest are the translations'
own (`levelfield.translations.registry`), so both work the same way."""

from __future__ import annotations

from functools import cache
from typing import Any

from django.http import Http404

from levelfield.lib.manifests import EasyReadable, manifests
from levelfield.translations.registry import digest, label_of, slug_of

__all__ = ["digest", "easy_readables", "for_object", "from_slug", "label_of", "slug_of"]


@cache
def easy_readables() -> dict[str, EasyReadable]:
    """Every EasyReadable, keyed by its model in lower case ("payments.paymentpolicy")."""
    return {
        declared.model.lower(): declared
        for manifest in manifests()
        for declared in manifest.easy_read
    }


def for_object(obj: Any) -> EasyReadable | None:
    return easy_readables().get(label_of(obj))


def from_slug(slug: str) -> EasyReadable:
    """The EasyReadable an address names; 404 for anything else."""
    declared = easy_readables().get(slug.replace("-", ".", 1))
    if declared is None:
        raise Http404("Nothing of that kind has an easy-read version.")
    return declared


def source_digest(obj: Any, declared: EasyReadable) -> str:
    return digest(obj, declared.source_fields)
