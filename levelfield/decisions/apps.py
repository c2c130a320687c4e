from __future__ import annotations

from django.apps import AppConfig


class DecisionsConfig(AppConfig):
    name = "levelfield.decisions"
    verbose_name = "Decisions"
