from __future__ import annotations

from django.apps import AppConfig


class StoriesConfig(AppConfig):
    name = "levelfield.stories"
    verbose_name = "Stories and the collective's public pages"
