"""An installation with decisions from before places keeps every one: a project's
decision moves to the project's place, a collective's to the collective's own place,
with its options and responses; going back puts them where they were."""

from __future__ import annotations

import datetime

from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from levelfield.lib.testing.marks import DATA_MIGRATION

pytestmark = DATA_MIGRATION

BEFORE = [("decisions", "0008_tally_anonymous_changes"), ("places", "0002_groups")]
AFTER = [("decisions", "0009_place")]


def _decision(old: object, **place: object) -> object:
    opens = datetime.datetime(2026, 3, 1, 10, tzinfo=datetime.UTC)
    return old.get_model("decisions", "Decision").objects.create(
        method="proposal",
        title="Meet online in winter?",
        background="Travel is hard in the dark.",
        opens_at=opens,
        closes_at=opens + datetime.timedelta(days=8),
        **place,
    )


def test_existing_decisions_move_to_their_places_and_back() -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    user = old.get_model("people", "User").objects.create(
        email="mo@example.org", display_name="Mo"
    )
    collective = old.get_model("collectives", "Collective").objects.create(
        name="Riverside", slug="riverside", created_by=user
    )
    project = old.get_model("projects", "Project").objects.create(
        collective=collective, title="Stroke study", summary="A study.", created_by=user
    )
    OldPlace = old.get_model("places", "Place")
    OldPlace.objects.create(kind="collective", collective=collective)
    OldPlace.objects.create(kind="project", collective=collective, project=project)
    in_project = _decision(old, project=project)
    in_collective = _decision(old, collective=collective)
    old.get_model("decisions", "Option").objects.create(decision=in_project, label="Yes")
    old.get_model("decisions", "Response").objects.create(
        decision=in_project, person=user, payload={"stance": "agree"}
    )

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps
    Decision = new.get_model("decisions", "Decision")
    moved = Decision.objects.get(pk=in_project.pk)
    assert (moved.place.kind, moved.place.project_id) == ("project", project.pk)
    assert moved.options.get().label == "Yes"
    assert moved.responses.get().payload == {"stance": "agree"}
    own = Decision.objects.get(pk=in_collective.pk).place
    assert (own.kind, own.collective_id, own.project_id) == ("collective", collective.pk, None)
    assert new.get_model("places", "Place").objects.count() == 2  # none made twice

    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    back = executor.loader.project_state(BEFORE).apps.get_model("decisions", "Decision")
    assert back.objects.get(pk=in_project.pk).project_id == project.pk
    assert back.objects.get(pk=in_collective.pk).collective_id == collective.pk
