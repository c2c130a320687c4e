"""An installation that ran the old schema keeps every involvement entry: each moves to
its project's place, and every collective and project gets its place."""

from __future__ import annotations

import datetime

from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from levelfield.lib.testing.marks import DATA_MIGRATION

pytestmark = DATA_MIGRATION

BEFORE = [
    ("collectives", "0006_members_in_order"),
    ("projects", "0004_members_in_order"),
    ("places", None),
]
AFTER = [("projects", "0005_entries_at_places")]


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


BEFORE_ONE_TABLE = [
    ("places", "0002_groups"),
    ("collectives", "0007_directory_and_join_requests"),
    ("projects", "0005_entries_at_places"),
    ("reviews", "0002_group_is_a_place"),
    ("history", "0002_initial"),
]
AFTER_ONE_TABLE = [
    ("collectives", "0009_join_requests_at_places"),
    ("projects", "0007_join_requests_at_places"),
]


def test_collective_and_project_members_move_to_their_places_with_the_coordinator_job() -> None:
    """Nobody loses a membership, when they joined, the coordinator job, a request to
    join or the lines of history about them when memberships and requests to join
    become the places'."""
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE_ONE_TABLE)
    old = executor.loader.project_state(BEFORE_ONE_TABLE).apps
    users = old.get_model("people", "User").objects
    mo = users.create(email="mo@example.org", display_name="Mo")
    ana = users.create(email="ana@example.org", display_name="Ana")
    collective = old.get_model("collectives", "Collective").objects.create(
        name="Riverside", slug="riverside", created_by=mo
    )
    project = old.get_model("projects", "Project").objects.create(
        collective=collective, title="Stroke study", summary="A study.", created_by=mo
    )
    Place = old.get_model("places", "Place")
    Place.objects.create(kind="collective", collective=collective)
    Place.objects.create(kind="project", collective=collective, project=project)
    joined = datetime.datetime(2025, 1, 2, 10, 0, tzinfo=datetime.UTC)
    coordinating = old.get_model("collectives", "CollectiveMembership").objects.create(
        collective=collective,
        person=mo,
        joined_at=joined,
        coordinator_since=joined,
    )
    old.get_model("collectives", "CollectiveMembership").objects.create(
        collective=collective,
        person=ana,
        coordinator_asked_at=joined,
        coordinator_asked_by=mo,
        coordinator_asked_because="The group chose Ana",
    )
    old.get_model("projects", "ProjectMembership").objects.create(project=project, person=ana)
    asking = old.get_model("collectives", "CollectiveJoinRequest").objects.create(
        collective=collective, person=ana, message="Hello", status="declined", answered_at=joined
    )
    old.get_model("projects", "ProjectJoinRequest").objects.create(
        project=project, person=mo, message="May I help?"
    )
    old.get_model("history", "Change").objects.create(
        collective=collective,
        actor=ana,
        subject_type="collectivejoinrequest",
        subject_id=asking.pk,
        action="join_requested",
        summary="Ana asked to join",
    )
    line = old.get_model("history", "Change").objects.create(
        collective=collective,
        actor=mo,
        subject_type="collectivemembership",
        subject_id=coordinating.pk,
        action="joined",
        summary="Mo joined the collective",
    )

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER_ONE_TABLE)
    new = executor.loader.project_state(AFTER_ONE_TABLE).apps
    memberships = new.get_model("places", "PlaceMembership").objects

    mine = memberships.get(place__kind="collective", person_id=mo.pk)
    assert mine.joined_at == joined and mine.coordinator_since == joined
    asked = memberships.get(place__kind="collective", person_id=ana.pk)
    assert asked.coordinator_asked_by_id == mo.pk
    assert asked.coordinator_asked_because == "The group chose Ana"
    assert memberships.get(place__kind="project", person_id=ana.pk).place.project_id == project.pk
    assert memberships.count() == 3
    moved = new.get_model("history", "Change").objects.get(pk=line.pk)
    assert (moved.subject_type, moved.subject_id) == ("placemembership", mine.pk)
    requests = new.get_model("places", "JoinRequest").objects
    declined = requests.get(place__kind="collective", person_id=ana.pk)
    assert (declined.message, declined.status, declined.answered_at) == (
        "Hello",
        "declined",
        joined,
    )
    waiting = requests.get(place__kind="project", person_id=mo.pk)
    assert (waiting.status, waiting.place.project_id) == ("pending", project.pk)
    asked = new.get_model("history", "Change").objects.get(action="join_requested")
    assert (asked.subject_type, asked.subject_id) == ("joinrequest", declined.pk)
