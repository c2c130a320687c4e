from __future__ import annotations

from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "levelfield.reports"
    verbose_name = "Reports from the record"
