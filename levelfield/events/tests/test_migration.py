"""An installation that ran the old schema keeps every event: a project's events and
series move to the project's place, a collective's to the collective's own place, and
"members of the project" becomes "only the members" of that place. Going back restores
the old columns."""

from __future__ import annotations

import datetime

from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from levelfield.lib.testing.marks import DATA_MIGRATION

pytestmark = DATA_MIGRATION

BEFORE = [("events", "0002_event_feedback_closed_at_and_more"), ("places", "0002_groups")]
AFTER = [("events", "0003_events_in_places")]


def _migrate(targets: list[tuple[str, str]]):  # noqa: ANN202 - the historical apps
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def test_existing_events_move_to_their_place_and_back() -> None:
    old = _migrate(BEFORE)
    user = old.get_model("people", "User").objects.create(
        email="mo@example.org", display_name="Mo"
    )
    collective = old.get_model("collectives", "Collective").objects.create(
        name="Riverside", slug="riverside", created_by=user
    )
    project = old.get_model("projects", "Project").objects.create(
        collective=collective, title="Stroke study", summary="A study.", created_by=user
    )
    Place = old.get_model("places", "Place")
    own = Place.objects.create(kind="collective", collective=collective)
    project_place = Place.objects.create(kind="project", collective=collective, project=project)
    start = datetime.datetime(2026, 3, 2, 10, tzinfo=datetime.UTC)
    series = old.get_model("events", "EventSeries").objects.create(
        collective=collective, project=project, rule="FREQ=WEEKLY", first_start=start
    )
    Event = old.get_model("events", "Event")
    common = {"starts_at": start, "ends_at": start + datetime.timedelta(hours=1)}
    cuppa = Event.objects.create(
        collective=collective, title="Cuppa", audience="anyone", public_code="a", **common
    )
    meeting = Event.objects.create(
        collective=collective,
        project=project,
        series=series,
        series_start=start,
        title="Project meeting",
        audience="project",
        public_code="b",
        **common,
    )

    new = _migrate(AFTER)
    NewEvent = new.get_model("events", "Event")
    assert NewEvent.objects.get(pk=cuppa.pk).place_id == own.pk
    moved = NewEvent.objects.get(pk=meeting.pk)
    assert (moved.place_id, moved.audience, moved.title) == (
        project_place.pk,
        "members",
        "Project meeting",
    )
    assert new.get_model("events", "EventSeries").objects.get(pk=series.pk).place_id == (
        project_place.pk
    )

    back = _migrate(BEFORE)
    returned = back.get_model("events", "Event").objects.get(pk=meeting.pk)
    assert (returned.collective_id, returned.project_id, returned.audience) == (
        collective.pk,
        project.pk,
        "project",
    )
    assert back.get_model("events", "Event").objects.get(pk=cuppa.pk).project_id is None
