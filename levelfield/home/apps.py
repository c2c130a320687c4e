from __future__ import annotations

from django.apps import AppConfig


class HomeConfig(AppConfig):
    """A person's home above every other app: what needs them, their data and its erasure.

    It reads every app's manifest (lib/manifests.py) and may import any app; no app
    imports it.
    """

    name = "levelfield.home"

    def ready(self) -> None:
        # Once every app's models are loaded: their choice labels read cheaply.
        from levelfield.lib.catalogues import catalogues_compact
        from levelfield.lib.choices import choice_labels_install

        choice_labels_install()
        # Every offered language's translations, built once and looked up cheaply.
        catalogues_compact()
