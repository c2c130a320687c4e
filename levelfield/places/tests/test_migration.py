"""An installation that ran the old schema keeps every involvement entry: each moves to
its project's place, and every collective and project gets its place."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [
    ("collectives", "0006_members_in_order"),
    ("projects", "0004_members_in_order"),
    ("places", None),
]
AFTER = [("projects", "0005_entries_at_places")]


@pytest.mark.django_db(transaction=True)
def test_existing_entries_move_to_their_projects_place() -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE[:2]).apps
    user = old.get_model("people", "User").objects.create(
        email="mo@example.org", display_name="Mo"
    )
    collective = old.get_model("collectives", "Collective").objects.create(
        name="Riverside", slug="riverside", created_by=user
    )
    project = old.get_model("projects", "Project").objects.create(
        collective=collective, title="Stroke study", summary="A study.", created_by=user
    )
    entry = old.get_model("projects", "InvolvementEntry").objects.create(
        project=project,
        title="Advisory meeting",
        happened_on=datetime.date(2026, 3, 1),
        stage="design",
        kind="meeting",
    )
    old.get_model("projects", "Participation").objects.create(entry=entry, person=user, minutes=90)

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps
    Place = new.get_model("places", "Place")
    moved = new.get_model("projects", "InvolvementEntry").objects.get(pk=entry.pk)

    assert moved.place.project_id == project.pk and moved.place.kind == "project"
    assert moved.place.collective_id == collective.pk
    assert moved.participations.get().minutes == 90
    assert Place.objects.filter(kind="collective", collective_id=collective.pk).count() == 1

    # Leave the database as the other tests expect it.
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
