from __future__ import annotations

from django.apps import AppConfig


class OutputsConfig(AppConfig):
    name = "levelfield.outputs"
    verbose_name = "Outputs and credit"
