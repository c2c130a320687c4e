"""An installation that ran the old schema keeps its research partners group: the group
becomes a group place of its collective with the same members (joined dates and the
coordinator job kept), its reviewers' time moves to the group's log, and the project
made only to hold that log goes (it stays when something else is in it)."""

from __future__ import annotations

import datetime

from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from levelfield.lib.testing.marks import DATA_MIGRATION

pytestmark = DATA_MIGRATION

BEFORE = [("reviews", "0001_initial")]
AFTER = [("reviews", "0002_group_is_a_place")]
# The old models, with the apps the migration reads at the versions it depends on.
OLD_STATE = [
    *BEFORE,
    ("places", "0002_groups"),
    ("projects", "0005_entries_at_places"),
    ("history", "0002_initial"),
]
JOINED = datetime.datetime(2025, 6, 1, 9, 30, tzinfo=datetime.UTC)


def _old_group(old, collective, user, name):  # noqa: ANN001, ANN202
    """A review group as the old code set it up: with a project of its own whose log
    holds a reviewer's time."""
    Place = old.get_model("places", "Place")
    project = old.get_model("projects", "Project").objects.create(
        collective=collective, title=f"{name}: reviews", summary="Reviews.", created_by=user
    )
    project_place = Place.objects.create(kind="project", collective=collective, project=project)
    group = old.get_model("reviews", "ReviewGroup").objects.create(
        collective=collective,
        name=name,
        about="We review plans.",
        form_guidance="Send us your plan.",
        project=project,
    )
    old.get_model("reviews", "GroupMembership").objects.create(
        group=group, person=user, joined_at=JOINED
    )
    old.get_model("projects", "ProjectMembership").objects.create(
        project=project, person=user, coordinator_since=JOINED
    )
    entry = old.get_model("projects", "InvolvementEntry").objects.create(
        place=project_place,
        title="Reviewed “Sleep after a stroke”",
        happened_on=datetime.date(2026, 3, 1),
        stage="design",
        kind="review",
    )
    old.get_model("projects", "Participation").objects.create(entry=entry, person=user, minutes=90)
    old.get_model("history", "Change").objects.create(
        actor=user,
        project=project,
        subject_type="involvemententry",
        subject_id=entry.pk,
        action="entry_created",
        summary="Mo recorded a review",
    )
    return group, project, entry


def test_a_review_group_becomes_a_group_place_with_its_members_and_time() -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(OLD_STATE).apps
    User = old.get_model("people", "User")
    mo = User.objects.create(email="mo@example.org", display_name="Mo")
    kit = User.objects.create(email="kit@example.org", display_name="Kit")
    Collective = old.get_model("collectives", "Collective")
    riverside = Collective.objects.create(name="Riverside", slug="riverside", created_by=mo)
    hillside = Collective.objects.create(name="Hillside", slug="hillside", created_by=kit)
    group, project, entry = _old_group(old, riverside, mo, "Research partners group")
    # Someone asked to join Hillside's reviews project: it is used, so it stays.
    kept_group, kept, kept_entry = _old_group(old, hillside, kit, "Hillside partners")
    old.get_model("projects", "ProjectJoinRequest").objects.create(project=kept, person=mo)

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps
    Place = new.get_model("places", "Place")
    Project = new.get_model("projects", "Project")
    moved_group = new.get_model("reviews", "ReviewGroup").objects.get(pk=group.pk)

    place = moved_group.place
    assert (place.kind, place.collective_id) == ("group", riverside.pk)
    assert (place.group_name, place.purpose) == ("Research partners group", "We review plans.")
    membership = new.get_model("places", "PlaceMembership").objects.get(place=place)
    assert (membership.person_id, membership.joined_at) == (mo.pk, JOINED)
    assert membership.coordinator_since == JOINED
    moved = new.get_model("projects", "InvolvementEntry").objects.get(pk=entry.pk)
    assert moved.place_id == place.pk
    assert moved.participations.get().minutes == 90
    # The old project and its place are gone; its history is the collective's now.
    assert not Project.objects.filter(pk=project.pk).exists()
    assert not Place.objects.filter(project_id=project.pk).exists()
    change = new.get_model("history", "Change").objects.get(subject_id=entry.pk)
    assert (change.project_id, change.collective_id) == (None, riverside.pk)
    # Hillside's project has something else in it: only the time moves.
    hillside_group = new.get_model("reviews", "ReviewGroup").objects.get(pk=kept_group.pk)
    assert Project.objects.filter(pk=kept.pk).exists()
    assert (
        new.get_model("projects", "InvolvementEntry").objects.get(pk=kept_entry.pk).place_id
        == hillside_group.place_id
    )

    # Going back makes the project again, with the time and the members.
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(OLD_STATE).apps
    back = old.get_model("reviews", "ReviewGroup").objects.get(pk=group.pk)
    assert back.name == "Research partners group"
    assert old.get_model("reviews", "GroupMembership").objects.get(group=back).person_id == mo.pk
    back_entry = old.get_model("projects", "InvolvementEntry").objects.get(pk=entry.pk)
    assert back_entry.place.project_id == back.project_id
