"""Decisions belong to a place: each decision's project or collective becomes that
project's or collective's place, then the two old columns go."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from levelfield.lib.migrations import checks_now


def fill_places(apps, schema_editor):
    """Every decision gets the place of its project, or its collective's own place."""
    Decision = apps.get_model("decisions", "Decision")
    Place = apps.get_model("places", "Place")
    Project = apps.get_model("projects", "Project")
    project_places = {}
    collective_places = {}
    for decision in Decision.objects.filter(place__isnull=True).order_by("pk").iterator():
        if decision.project_id is not None:
            place_id = project_places.get(decision.project_id)
            if place_id is None:
                project = Project.objects.get(pk=decision.project_id)
                place_id = Place.objects.get_or_create(
                    project_id=project.pk,
                    defaults={"kind": "project", "collective_id": project.collective_id},
                )[0].pk
                project_places[decision.project_id] = place_id
        else:
            place_id = collective_places.get(decision.collective_id)
            if place_id is None:
                place_id = Place.objects.get_or_create(
                    kind="collective", collective_id=decision.collective_id
                )[0].pk
                collective_places[decision.collective_id] = place_id
        Decision.objects.filter(pk=decision.pk).update(place_id=place_id)


def fill_projects_and_collectives(apps, schema_editor):
    """Back again: a project's place gives the project, any other the collective (a
    group's decisions go to its collective, the nearest the old shape can say)."""
    Decision = apps.get_model("decisions", "Decision")
    Place = apps.get_model("places", "Place")
    for place in Place.objects.filter(pk__in=Decision.objects.values("place_id")):
        Decision.objects.filter(place_id=place.pk).update(
            project_id=place.project_id,
            collective_id=None if place.project_id else place.collective_id,
        )


class Migration(migrations.Migration):
    dependencies = [
        ("decisions", "0008_tally_anonymous_changes"),
        ("places", "0002_groups"),
        ("projects", "0005_entries_at_places"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    # The old constraint and indexes go first, so that going back adds them after the
    # old columns are filled again.
    operations = [
        migrations.RemoveConstraint(
            model_name="decision",
            name="decisions_project_xor_collective",
        ),
        migrations.RemoveIndex(
            model_name="decision",
            name="decisions_d_project_132da8_idx",
        ),
        migrations.RemoveIndex(
            model_name="decision",
            name="decisions_d_collect_23bbb6_idx",
        ),
        migrations.AddField(
            model_name="decision",
            name="place",
            field=models.ForeignKey(
                help_text="The collective, group or project whose members decide.",
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="decisions",
                to="places.place",
            ),
        ),
        checks_now(),
        migrations.RunPython(fill_places, fill_projects_and_collectives),
        checks_now(),
        migrations.AlterField(
            model_name="decision",
            name="place",
            field=models.ForeignKey(
                help_text="The collective, group or project whose members decide.",
                on_delete=django.db.models.deletion.CASCADE,
                related_name="decisions",
                to="places.place",
            ),
        ),
        migrations.RemoveField(
            model_name="decision",
            name="collective",
        ),
        migrations.RemoveField(
            model_name="decision",
            name="project",
        ),
        migrations.AlterField(
            model_name="decision",
            name="involvement_entry",
            field=models.ForeignKey(
                blank=True,
                help_text="The place's involvement log entry for this decision, made when it closes.",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="projects.involvemententry",
            ),
        ),
        migrations.AddIndex(
            model_name="decision",
            index=models.Index(fields=["place", "-opens_at", "-id"], name="decisions_place_log"),
        ),
    ]
