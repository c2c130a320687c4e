"""Reading a choice's label (`get_<field>_display`) without translating every label.

Django's own `get_<field>_display` builds a dict of all the field's choices on every
call, hashing each (value, label) pair; hashing a lazily translated label translates
it. A field with twenty choices therefore costs twenty translations for every label a
page shows: the notices page showed 20 labels and spent a fifth of its time there
(cProfile, 240 gettext calls a request). Here each field's value -> label dict is built
once per process, keys only hashed, and the one label shown is translated when read,
in the reader's language as before.
"""

from __future__ import annotations

import functools
from functools import partialmethod
from typing import Any

from django.apps import apps
from django.db import models
from django.utils.encoding import force_str
from django.utils.hashable import make_hashable


@functools.cache
def _labels(field: models.Field) -> dict[Any, Any]:
    return {make_hashable(value): label for value, label in field.flatchoices}


def _display(self: models.Model, field: models.Field) -> Any:
    value = getattr(self, field.attname)
    return force_str(_labels(field).get(make_hashable(value), value), strings_only=True)


def choice_labels_install() -> None:
    """Give every Levelfield model's choice fields the cheaper `get_<field>_display`
    (run once the models are loaded: `HomeConfig.ready`). A model that writes its own
    `get_<field>_display` keeps it."""
    for model in apps.get_models():
        if not model.__module__.startswith("levelfield."):
            continue
        for field in model._meta.fields:
            name = f"get_{field.name}_display"
            current = model.__dict__.get(name)
            if field.choices is None or not isinstance(current, partialmethod):
                continue
            setattr(model, name, partialmethod(_display, field=field))
