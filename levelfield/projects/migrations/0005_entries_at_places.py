"""The involvement log moves from projects to places: every entry keeps its id and
takes its project's place, so a collective can have a log too."""

import django.db.models.deletion
from django.db import migrations, models


def entries_to_places(apps, schema_editor) -> None:
    Place = apps.get_model("places", "Place")
    InvolvementEntry = apps.get_model("projects", "InvolvementEntry")
    place_of = dict(Place.objects.filter(kind="project").values_list("project_id", "pk"))
    for project_id in InvolvementEntry.objects.values_list("project_id", flat=True).distinct():
        InvolvementEntry.objects.filter(project_id=project_id).update(
            place_id=place_of[project_id]
        )


class Migration(migrations.Migration):
    dependencies = [
        ("places", "0001_initial"),
        ("projects", "0004_members_in_order"),
    ]

    operations = [
        migrations.AddField(
            model_name="involvemententry",
            name="place",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="involvement",
                to="places.place",
            ),
        ),
        migrations.RunPython(entries_to_places, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="involvemententry",
            name="place",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="involvement",
                to="places.place",
            ),
        ),
        migrations.RemoveIndex(
            model_name="involvemententry",
            name="projects_in_project_04d500_idx",
        ),
        migrations.RemoveField(model_name="involvemententry", name="project"),
        migrations.AddIndex(
            model_name="involvemententry",
            index=models.Index(fields=["place", "-happened_on"], name="projects_entries_by_place"),
        ),
        migrations.AlterField(
            model_name="involvemententry",
            name="stage",
            field=models.CharField(
                blank=True,
                choices=[
                    ("identifying", "Identifying and prioritising"),
                    ("design", "Design"),
                    ("funding", "Funding application"),
                    ("ethics", "Ethics and approvals"),
                    ("doing", "Doing the research (data collection)"),
                    ("analysis", "Analysis"),
                    ("dissemination", "Dissemination"),
                    ("implementation", "Implementation"),
                    ("evaluation", "Evaluation and impact"),
                ],
                help_text="Empty for a collective's own activities, which have no research stage.",
                max_length=30,
                verbose_name="research stage",
            ),
        ),
    ]
