"""Conversations belong to a place: each conversation's project or collective becomes
that project's place or the collective's own place, then the two old columns go."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from levelfield.lib.migrations import checks_now


def fill_places(apps, schema_editor):
    """Every conversation gets the place of its project, or its collective's own place."""
    Conversation = apps.get_model("deliberation", "Conversation")
    Place = apps.get_model("places", "Place")
    Project = apps.get_model("projects", "Project")
    for project_id in (
        Conversation.objects.filter(place__isnull=True, project__isnull=False)
        .values_list("project_id", flat=True)
        .distinct()
    ):
        project = Project.objects.get(pk=project_id)
        place = Place.objects.get_or_create(
            project_id=project.pk,
            defaults={"kind": "project", "collective_id": project.collective_id},
        )[0]
        Conversation.objects.filter(place__isnull=True, project_id=project_id).update(
            place_id=place.pk
        )
    for collective_id in (
        Conversation.objects.filter(place__isnull=True, project__isnull=True)
        .values_list("collective_id", flat=True)
        .distinct()
    ):
        place = Place.objects.get_or_create(kind="collective", collective_id=collective_id)[0]
        Conversation.objects.filter(
            place__isnull=True, project__isnull=True, collective_id=collective_id
        ).update(place_id=place.pk)


def fill_projects_and_collectives(apps, schema_editor):
    """Back again: a project's place gives the project, any other the collective (a
    group's conversations go to its collective, the nearest the old shape can say)."""
    Conversation = apps.get_model("deliberation", "Conversation")
    Place = apps.get_model("places", "Place")
    for place in Place.objects.filter(pk__in=Conversation.objects.values("place_id")):
        Conversation.objects.filter(place_id=place.pk).update(
            project_id=place.project_id,
            collective_id=None if place.project_id else place.collective_id,
        )


class Migration(migrations.Migration):
    dependencies = [
        ("deliberation", "0004_polis_import"),
        ("places", "0002_groups"),
        ("projects", "0005_entries_at_places"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    # The old constraint goes first, so that going back adds it after the old columns
    # are filled again.
    operations = [
        migrations.RemoveConstraint(
            model_name="conversation",
            name="deliberation_in_project_or_collective",
        ),
        migrations.AddField(
            model_name="conversation",
            name="place",
            field=models.ForeignKey(
                help_text="The collective, group or project whose members take part.",
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="conversations",
                to="places.place",
            ),
        ),
        checks_now(),
        migrations.RunPython(fill_places, fill_projects_and_collectives),
        checks_now(),
        migrations.AlterField(
            model_name="conversation",
            name="place",
            field=models.ForeignKey(
                help_text="The collective, group or project whose members take part.",
                on_delete=django.db.models.deletion.CASCADE,
                related_name="conversations",
                to="places.place",
            ),
        ),
        migrations.RemoveField(
            model_name="conversation",
            name="collective",
        ),
        migrations.RemoveField(
            model_name="conversation",
            name="project",
        ),
    ]
