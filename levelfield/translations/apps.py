from __future__ import annotations

from django.apps import AppConfig


class TranslationsConfig(AppConfig):
    name = "levelfield.translations"
    label = "translations"
    verbose_name = "Translations"
