from __future__ import annotations

from django.apps import AppConfig


class ThreadsConfig(AppConfig):
    name = "levelfield.threads"
    verbose_name = "Threads and updates"
