"""Documents move to places: each document's project or collective becomes the place it
belongs to (the project's place, or the collective's own place), so every existing
document keeps its text, comments and history and stays where its people are. The
old columns go in 0005, once every row has its place."""

from django.db import migrations, models

from levelfield.lib.migrations import checks_now


def to_places(apps, schema_editor):
    """Give every document the place of its project, or its collective's own place
    (made if an installation somehow lacks one)."""
    Document = apps.get_model("documents", "Document")
    Place = apps.get_model("places", "Place")
    project_places = dict(Place.objects.filter(kind="project").values_list("project_id", "pk"))
    collective_places = dict(
        Place.objects.filter(kind="collective").values_list("collective_id", "pk")
    )
    for pk, project_id, collective_id in Document.objects.filter(place__isnull=True).values_list(
        "pk", "project_id", "collective_id"
    ):
        if project_id is not None:
            place_pk = project_places.get(project_id)
            if place_pk is None:
                project = apps.get_model("projects", "Project").objects.get(pk=project_id)
                place_pk = project_places[project_id] = Place.objects.create(
                    kind="project", collective_id=project.collective_id, project_id=project_id
                ).pk
        else:
            place_pk = collective_places.get(collective_id)
            if place_pk is None:
                place_pk = collective_places[collective_id] = Place.objects.create(
                    kind="collective", collective_id=collective_id
                ).pk
        Document.objects.filter(pk=pk).update(place_id=place_pk)


def from_places(apps, schema_editor):
    """Back to a project or a collective: a group's document goes to the group's
    collective (the old shape had no groups)."""
    Document = apps.get_model("documents", "Document")
    for pk, project_id, collective_id in Document.objects.values_list(
        "pk", "place__project_id", "place__collective_id"
    ):
        Document.objects.filter(pk=pk).update(
            project_id=project_id, collective_id=None if project_id else collective_id
        )


class Migration(migrations.Migration):
    dependencies = [
        ("documents", "0003_adoption_links"),
        ("places", "0002_groups"),
    ]

    operations = [
        migrations.AddField(
            model_name="document",
            name="place",
            field=models.ForeignKey(
                null=True,
                on_delete=models.deletion.CASCADE,
                related_name="documents",
                to="places.place",
            ),
        ),
        migrations.RemoveConstraint(
            model_name="document",
            name="documents_in_project_or_collective",
        ),
        checks_now(),
        migrations.RunPython(to_places, from_places),
        checks_now(),
    ]
