"""Events and series belong to a place: a project's place, or the collective's own place.

Existing rows move to the place of their project (or of their collective); events that
were for "members of the project" are now for "only the members" of their place. Going
back puts a group's events in its collective.
"""

import django.db.models.deletion
from django.db import migrations, models

from levelfield.lib.migrations import checks_now


def to_places(apps, schema_editor):
    Place = apps.get_model("places", "Place")
    by_project = dict(Place.objects.filter(project__isnull=False).values_list("project_id", "pk"))
    by_collective = dict(
        Place.objects.filter(kind="collective").values_list("collective_id", "pk")
    )
    for model_name in ("EventSeries", "Event"):
        model = apps.get_model("events", model_name)
        for row in model.objects.only("pk", "collective_id", "project_id").iterator():
            place_id = (
                by_project[row.project_id] if row.project_id else by_collective[row.collective_id]
            )
            model.objects.filter(pk=row.pk).update(place_id=place_id)
    apps.get_model("events", "Event").objects.filter(audience="project").update(audience="members")


def from_places(apps, schema_editor):
    Place = apps.get_model("places", "Place")
    places = {
        pk: (collective_id, project_id)
        for pk, collective_id, project_id in Place.objects.values_list(
            "pk", "collective_id", "project_id"
        )
    }
    for model_name in ("EventSeries", "Event"):
        model = apps.get_model("events", model_name)
        for row in model.objects.only("pk", "place_id").iterator():
            collective_id, project_id = places[row.place_id]
            model.objects.filter(pk=row.pk).update(
                collective_id=collective_id, project_id=project_id
            )
    Event = apps.get_model("events", "Event")
    Event.objects.filter(audience="members", project__isnull=False).update(audience="project")
    Event.objects.filter(audience="members").update(audience="collective")


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0002_event_feedback_closed_at_and_more"),
        ("places", "0002_groups"),
    ]

    operations = [
        migrations.AddField(
            model_name="event",
            name="place",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="events",
                to="places.place",
            ),
        ),
        migrations.AddField(
            model_name="eventseries",
            name="place",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="event_series",
                to="places.place",
            ),
        ),
        # Nullable for a moment, so that going back can fill them again.
        migrations.AlterField(
            model_name="event",
            name="collective",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="events",
                to="collectives.collective",
            ),
        ),
        migrations.AlterField(
            model_name="eventseries",
            name="collective",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="event_series",
                to="collectives.collective",
            ),
        ),
        migrations.RemoveConstraint(
            model_name="event",
            name="events_project_audience_has_project",
        ),
        migrations.AlterField(
            model_name="event",
            name="audience",
            field=models.CharField(
                choices=[
                    ("anyone", "Anyone with the link, including people without an account"),
                    ("collective", "Members of the collective"),
                    ("members", "Only the members of this group or project"),
                    ("project", "Members of the project (before places)"),
                ],
                default="collective",
                max_length=20,
                verbose_name="who can come",
            ),
        ),
        checks_now(),
        migrations.RunPython(to_places, from_places),
        checks_now(),
        migrations.RemoveIndex(
            model_name="event",
            name="events_even_collect_452565_idx",
        ),
        migrations.RemoveIndex(
            model_name="event",
            name="events_even_project_534374_idx",
        ),
        migrations.RemoveField(model_name="event", name="collective"),
        migrations.RemoveField(model_name="event", name="project"),
        migrations.RemoveField(model_name="eventseries", name="collective"),
        migrations.RemoveField(model_name="eventseries", name="project"),
        migrations.AlterField(
            model_name="event",
            name="place",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="events",
                to="places.place",
            ),
        ),
        migrations.AlterField(
            model_name="eventseries",
            name="place",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="event_series",
                to="places.place",
            ),
        ),
        migrations.AlterField(
            model_name="event",
            name="audience",
            field=models.CharField(
                choices=[
                    ("anyone", "Anyone with the link, including people without an account"),
                    ("collective", "Members of the collective"),
                    ("members", "Only the members of this group or project"),
                ],
                default="collective",
                max_length=20,
                verbose_name="who can come",
            ),
        ),
        migrations.AddIndex(
            model_name="event",
            index=models.Index(
                fields=["place", "starts_at", "id"], name="events_by_place_and_start"
            ),
        ),
        migrations.AlterField(
            model_name="event",
            name="involvement_entry",
            field=models.OneToOneField(
                blank=True,
                help_text="The entry in the place's involvement log the attendance wrote.",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="event",
                to="projects.involvemententry",
            ),
        ),
    ]
