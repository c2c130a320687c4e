"""Reports belong to a place: a GRIPP2 report to its project's, an annual report to its
collective's own."""

import django.db.models.deletion
from django.db import migrations, models


def point_at_places(apps, schema_editor):
    Place = apps.get_model("places", "Place")
    Report = apps.get_model("reports", "Report")
    collective_places = dict(
        Place.objects.filter(kind="collective").values_list("collective_id", "pk")
    )
    project_places = dict(Place.objects.filter(kind="project").values_list("project_id", "pk"))
    for report in Report.objects.only("collective_id", "project_id").iterator():
        if report.project_id:
            place_id = project_places[report.project_id]
        else:
            place_id = collective_places[report.collective_id]
        Report.objects.filter(pk=report.pk).update(place_id=place_id)


def point_back(apps, schema_editor):
    Report = apps.get_model("reports", "Report")
    for report in Report.objects.select_related("place").iterator():
        Report.objects.filter(pk=report.pk).update(
            collective_id=report.place.collective_id, project_id=report.place.project_id
        )


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0002_adoption_links"),
        ("places", "0003_memberships_of_every_place"),
    ]

    operations = [
        migrations.AddField(
            model_name="report",
            name="place",
            field=models.ForeignKey(
                null=True,
                help_text="A project's place (a GRIPP2 report) or a collective's own (an annual one).",
                on_delete=django.db.models.deletion.CASCADE,
                related_name="reports",
                to="places.place",
            ),
        ),
        migrations.RunPython(point_at_places, point_back),
    ]
