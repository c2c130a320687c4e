"""What may be translated, found in every app's manifest (`AppManifest.translatable`),
and the digest that tells when an original has changed since it was translated."""

from __future__ import annotations

import hashlib
import json
from functools import cache
from typing import Any

from django.conf import settings
from django.http import Http404

from levelfield.lib.manifests import Translatable, manifests

# Originals are written in Levelfield's first language; members translate them into the
# others it offers.
ORIGINAL_LANGUAGE = settings.LANGUAGE_CODE


def languages() -> dict[str, str]:
    """The languages a translation may be in: code -> the language's own name."""
    return {code: name for code, name in settings.LANGUAGES if code != ORIGINAL_LANGUAGE}


def language_name(code: str) -> str:
    return dict(settings.LANGUAGES).get(code, code)


@cache
def translatables() -> dict[str, Translatable]:
    """Every Translatable, keyed by its model in lower case ("stories.story")."""
    return {
        declared.model.lower(): declared
        for manifest in manifests()
        for declared in manifest.translatable
    }


def label_of(obj: Any) -> str:
    return obj._meta.label_lower


def for_object(obj: Any) -> Translatable | None:
    return translatables().get(label_of(obj))


def slug_of(model: str) -> str:
    """The model as it appears in an address: "stories.story" -> "stories-story"."""
    return model.lower().replace(".", "-")


def from_slug(slug: str) -> Translatable:
    """The Translatable an address names; 404 for anything else."""
    declared = translatables().get(slug.replace("-", ".", 1))
    if declared is None:
        raise Http404("Nothing of that kind is translated.")
    return declared


def digest(obj: Any, fields: tuple[str, ...]) -> str:
    """A hash of the original's words, in the Translatable's order."""
    words = [str(getattr(obj, name) or "") for name in fields]
    return hashlib.sha256(json.dumps(words).encode()).hexdigest()
