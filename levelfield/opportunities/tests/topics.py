"""The topics come from a data migration (0002_topics). A test that needs real
transactions (a browser journey, a concurrency test) empties every table after it, so
on the same test worker a later test would find none: `topics_restore` puts them back,
as the migration does, when they are gone (the opportunities tests and the scale data's
tests call it)."""

from __future__ import annotations

import importlib

from django.apps import apps as django_apps

from levelfield.opportunities.models import Topic


def topics_restore() -> None:
    if not Topic.objects.exists():
        migration = importlib.import_module("levelfield.opportunities.migrations.0002_topics")
        migration.add(django_apps, None)
