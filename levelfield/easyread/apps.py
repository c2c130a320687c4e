from __future__ import annotations

from django.apps import AppConfig


class EasyreadConfig(AppConfig):
    name = "levelfield.easyread"
    label = "easyread"
    verbose_name = "Easy read"
