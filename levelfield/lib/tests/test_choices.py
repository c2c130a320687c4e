"""Every Levelfield model's choice labels read as Django's own `get_<field>_display`
reads them, in each language, for every choice and for a value that is not one."""

from __future__ import annotations

from django.apps import apps
from django.conf import settings
from django.db import models
from django.utils import translation

from levelfield.lib.choices import _display


def _choice_fields() -> list[tuple[type[models.Model], models.Field]]:
    return [
        (model, field)
        for model in apps.get_models()
        if model.__module__.startswith("levelfield.")
        for field in model._meta.fields
        if field.choices is not None
    ]


def test_every_choice_label_is_the_one_django_would_show_in_every_language() -> None:
    fields = _choice_fields()
    assert len(fields) > 50  # the apps' statuses, kinds and methods
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            for model, field in fields:
                values = [value for value, _label in field.flatchoices]
                for value in [*values, "not-a-choice", None]:
                    thing = model()
                    setattr(thing, field.attname, value)
                    expected = models.Model._get_FIELD_display(thing, field)
                    assert getattr(thing, f"get_{field.name}_display")() == expected
                    assert _display(thing, field) == expected


def test_the_cheaper_reading_is_installed_on_the_apps_models() -> None:
    from levelfield.payments.models import Claim

    assert Claim.__dict__["get_status_display"].func is _display
