from __future__ import annotations

from django.apps import AppConfig


class OpportunitiesConfig(AppConfig):
    name = "levelfield.opportunities"
    verbose_name = "Involvement opportunities"
