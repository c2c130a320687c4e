from __future__ import annotations

from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "levelfield.documents"
    verbose_name = "Documents written together"
