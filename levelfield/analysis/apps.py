from __future__ import annotations

from django.apps import AppConfig


class AnalysisConfig(AppConfig):
    name = "levelfield.analysis"
    verbose_name = "Shared analysis"
