from __future__ import annotations

from django.apps import AppConfig


class DeliberationConfig(AppConfig):
    name = "levelfield.deliberation"
    verbose_name = "Conversations"
