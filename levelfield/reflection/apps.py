from __future__ import annotations

from django.apps import AppConfig


class ReflectionConfig(AppConfig):
    name = "levelfield.reflection"
    verbose_name = "Reflective check-ins"
