"""Check-in rounds belong to a place: each round of a project moves to the project's
place, each round of a collective to the collective's own place. Answers, submissions and
comments are untouched (they never said whose they were, and still do not)."""

import django.db.models.deletion
from django.db import migrations, models

from levelfield.lib.migrations import checks_now


def rounds_to_places(apps, schema_editor) -> None:
    Place = apps.get_model("places", "Place")
    CheckInRound = apps.get_model("reflection", "CheckInRound")
    of_project = dict(Place.objects.filter(kind="project").values_list("project_id", "pk"))
    of_collective = dict(
        Place.objects.filter(kind="collective").values_list("collective_id", "pk")
    )
    for pk, project_id, collective_id in CheckInRound.objects.values_list(
        "pk", "project_id", "collective_id"
    ):
        place_id = of_project[project_id] if project_id else of_collective[collective_id]
        CheckInRound.objects.filter(pk=pk).update(place_id=place_id)


def rounds_from_places(apps, schema_editor) -> None:
    """Back to a project or a collective. A group's round goes to its collective (the old
    schema had no groups)."""
    CheckInRound = apps.get_model("reflection", "CheckInRound")
    rows = CheckInRound.objects.values_list("pk", "place__project_id", "place__collective_id")
    for pk, project_id, collective_id in list(rows):
        CheckInRound.objects.filter(pk=pk).update(
            project_id=project_id, collective_id=None if project_id else collective_id
        )


class Migration(migrations.Migration):
    dependencies = [
        ("places", "0002_groups"),
        ("reflection", "0001_initial"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="checkinround",
            name="reflection_round_project_xor_collective",
        ),
        migrations.AddField(
            model_name="checkinround",
            name="place",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="checkin_rounds",
                to="places.place",
            ),
        ),
        checks_now(),
        migrations.RunPython(rounds_to_places, rounds_from_places),
        checks_now(),
        migrations.AlterField(
            model_name="checkinround",
            name="place",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="checkin_rounds",
                to="places.place",
            ),
        ),
        migrations.RemoveIndex(
            model_name="checkinround",
            name="reflection__project_81cbdf_idx",
        ),
        migrations.RemoveIndex(
            model_name="checkinround",
            name="reflection__collect_8594ad_idx",
        ),
        migrations.RemoveField(model_name="checkinround", name="project"),
        migrations.RemoveField(model_name="checkinround", name="collective"),
        migrations.AddIndex(
            model_name="checkinround",
            index=models.Index(fields=["place", "-closes_at"], name="reflection_round_place_idx"),
        ),
    ]
