from __future__ import annotations

from django.apps import AppConfig


class PartnersConfig(AppConfig):
    name = "levelfield.partners"
    verbose_name = "Partner organisations"
