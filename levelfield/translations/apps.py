from __future__ import annotations

from django.apps import AppConfig, apps
from django.db.models.signals import post_delete


class TranslationsConfig(AppConfig):
    name = "levelfield.translations"
    label = "translations"
    verbose_name = "Translations"

    def ready(self) -> None:
        """Follow the deletion of every translated kind of object, declared in the
        manifests, so no translation outlives its original."""
        from levelfield.translations import personal, registry

        for model_label in registry.translatables():
            post_delete.connect(
                personal.forget_translations_of,
                sender=apps.get_model(model_label),
                dispatch_uid=f"translations-{model_label}",
            )
