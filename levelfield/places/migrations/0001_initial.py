"""Places: one row for every existing collective and project."""

import django.db.models.deletion
from django.db import migrations, models


def places_create(apps, schema_editor) -> None:
    Place = apps.get_model("places", "Place")
    Collective = apps.get_model("collectives", "Collective")
    Project = apps.get_model("projects", "Project")
    Place.objects.bulk_create(
        Place(kind="collective", collective_id=pk)
        for pk in Collective.objects.values_list("pk", flat=True)
    )
    Place.objects.bulk_create(
        Place(kind="project", collective_id=collective_id, project_id=pk)
        for pk, collective_id in Project.objects.values_list("pk", "collective_id")
    )


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("collectives", "0006_members_in_order"),
        ("projects", "0004_members_in_order"),
    ]

    operations = [
        migrations.CreateModel(
            name="Place",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[("collective", "Collective"), ("project", "Project")],
                        max_length=20,
                    ),
                ),
                (
                    "collective",
                    models.ForeignKey(
                        help_text="The collective the place is in; a collective's own place is itself.",
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="places",
                        to="collectives.collective",
                    ),
                ),
                (
                    "project",
                    models.OneToOneField(
                        blank=True,
                        help_text="The project, when the place is one.",
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="place",
                        to="projects.project",
                    ),
                ),
            ],
            options={
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("kind", "project"), ("project__isnull", False)),
                            models.Q(("kind", "collective"), ("project__isnull", True)),
                            _connector="OR",
                        ),
                        name="places_project_only_for_projects",
                    ),
                    models.UniqueConstraint(
                        condition=models.Q(("kind", "collective")),
                        fields=("collective",),
                        name="places_one_own_place_per_collective",
                    ),
                ],
            },
        ),
        migrations.RunPython(places_create, migrations.RunPython.noop),
    ]
