"""The translation form: a field per translated field of the original."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db import models
from django.utils.translation import gettext as _

from levelfield.lib.manifests import Translatable
from levelfield.translations import registry
from levelfield.translations.services import field_label


class TranslationForm(forms.Form):
    """Built from the Translatable, so any app's object gets the same form. Whether a
    field must be filled in depends on the original (services.translation_save says)."""

    def __init__(
        self, data: Any = None, *, obj: Any, declared: Translatable, language: str, **kwargs: Any
    ) -> None:
        super().__init__(data, **kwargs)
        language_name = registry.language_name(language)
        for name in declared.fields:
            model_field = obj._meta.get_field(name)
            long_text = isinstance(model_field, models.TextField)
            self.fields[name] = forms.CharField(
                label=_("%(field)s in %(language)s")
                % {"field": field_label(obj, name).capitalize(), "language": language_name},
                required=False,
                max_length=None if long_text else model_field.max_length,
                widget=forms.Textarea(attrs={"rows": 8}) if long_text else forms.TextInput,
            )

    def words(self) -> dict[str, str]:
        return {name: self.cleaned_data.get(name, "") for name in self.fields}
