"""Invitations belong to a place: each points at its collective's or project's place."""

import django.db.models.deletion
from django.db import migrations, models


def point_at_places(apps, schema_editor):
    Place = apps.get_model("places", "Place")
    Invitation = apps.get_model("invitations", "Invitation")
    collective_places = dict(
        Place.objects.filter(kind="collective").values_list("collective_id", "pk")
    )
    project_places = dict(Place.objects.filter(kind="project").values_list("project_id", "pk"))
    for invitation in Invitation.objects.only("collective_id", "project_id").iterator():
        if invitation.project_id:
            place_id = project_places[invitation.project_id]
        else:
            place_id = collective_places[invitation.collective_id]
        Invitation.objects.filter(pk=invitation.pk).update(place_id=place_id)


def point_back(apps, schema_editor):
    Invitation = apps.get_model("invitations", "Invitation")
    for invitation in Invitation.objects.select_related("place").iterator():
        Invitation.objects.filter(pk=invitation.pk).update(
            collective_id=None if invitation.place.project_id else invitation.place.collective_id,
            project_id=invitation.place.project_id,
        )


class Migration(migrations.Migration):
    dependencies = [
        ("invitations", "0001_initial"),
        ("places", "0003_memberships_of_every_place"),
    ]

    operations = [
        migrations.AddField(
            model_name="invitation",
            name="place",
            field=models.ForeignKey(
                null=True,
                help_text="The collective's or project's place the invitation is to.",
                on_delete=django.db.models.deletion.CASCADE,
                related_name="invitations",
                to="places.place",
            ),
        ),
        migrations.RunPython(point_at_places, point_back),
    ]
