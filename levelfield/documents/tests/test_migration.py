"""An installation that ran the old schema keeps every document: a project's document
moves to the project's place, a collective's to the collective's own place (made if it
was missing), and going back restores the old columns."""

from __future__ import annotations

import datetime

from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from levelfield.lib.testing.marks import DATA_MIGRATION

pytestmark = DATA_MIGRATION

BEFORE = [("documents", "0003_adoption_links"), ("places", "0002_groups")]
AFTER = [("documents", "0005_place_required")]


def _migrate(targets: list[tuple[str, str | None]]):  # noqa: ANN202 - the state's apps
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return MigrationExecutor(connection).loader.project_state(targets).apps


def test_existing_documents_move_to_their_places_and_back() -> None:
    old = _migrate(BEFORE)
    user = old.get_model("people", "User").objects.create(
        email="mo@example.org", display_name="Mo"
    )
    Collective = old.get_model("collectives", "Collective")
    Place = old.get_model("places", "Place")
    riverside = Collective.objects.create(name="Riverside", slug="riverside", created_by=user)
    hillside = Collective.objects.create(name="Hillside", slug="hillside", created_by=user)
    project = old.get_model("projects", "Project").objects.create(
        collective=riverside, title="Stroke study", summary="A study.", created_by=user
    )
    Place.objects.create(kind="collective", collective=riverside)
    project_place = Place.objects.create(kind="project", collective=riverside, project=project)
    Document = old.get_model("documents", "Document")
    dates = {"opens_on": datetime.date(2026, 3, 1), "closes_on": datetime.date(2026, 3, 29)}
    in_project = Document.objects.create(
        project=project, title="Study leaflet", purpose="Plain words.", **dates
    )
    in_collective = Document.objects.create(
        collective=riverside, title="Payment policy", purpose="Paying people.", **dates
    )
    # Hillside has no place of its own yet: the migration makes one.
    placeless = Document.objects.create(
        collective=hillside, title="Principles", purpose="How we work.", **dates
    )

    new = _migrate(AFTER)
    moved = new.get_model("documents", "Document").objects.select_related("place")
    assert moved.get(pk=in_project.pk).place_id == project_place.pk
    own = moved.get(pk=in_collective.pk).place
    assert (own.kind, own.collective_id, own.project_id) == ("collective", riverside.pk, None)
    made = moved.get(pk=placeless.pk).place
    assert (made.kind, made.collective_id) == ("collective", hillside.pk)
    assert moved.get(pk=in_project.pk).title == "Study leaflet"

    back = _migrate(BEFORE)
    restored = back.get_model("documents", "Document").objects
    assert restored.get(pk=in_project.pk).project_id == project.pk
    assert restored.get(pk=in_project.pk).collective_id is None
    assert restored.get(pk=in_collective.pk).collective_id == riverside.pk
    assert restored.get(pk=placeless.pk).collective_id == hillside.pk
