"""Every membership becomes a place's: collectives' and projects' members move into
`PlaceMembership`, keeping when they joined and the coordinator job as it stands; the
history's lines about those memberships point at the new rows."""

from django.db import migrations

JOB_FIELDS = (
    "joined_at",
    "coordinator_since",
    "coordinator_asked_at",
    "coordinator_asked_by_id",
    "coordinator_asked_because",
)


def copy_memberships(apps, schema_editor):
    Place = apps.get_model("places", "Place")
    PlaceMembership = apps.get_model("places", "PlaceMembership")
    CollectiveMembership = apps.get_model("collectives", "CollectiveMembership")
    ProjectMembership = apps.get_model("projects", "ProjectMembership")
    collective_places = dict(
        Place.objects.filter(kind="collective").values_list("collective_id", "pk")
    )
    project_places = dict(
        Place.objects.filter(kind="project").values_list("project_id", "pk")
    )

    Change = apps.get_model("history", "Change")

    def copy(rows, place_of, subject_type):
        new_ids = {}
        batch, old_ids = [], []

        def flush():
            made = PlaceMembership.objects.bulk_create(batch)
            new_ids.update(zip(old_ids, (row.pk for row in made), strict=True))
            batch.clear()
            old_ids.clear()

        for row in rows.iterator(chunk_size=2000):
            fields = {name: getattr(row, name) for name in JOB_FIELDS}
            batch.append(
                PlaceMembership(place_id=place_of(row), person_id=row.person_id, **fields)
            )
            old_ids.append(row.pk)
            if len(batch) >= 2000:
                flush()
        flush()
        lines = Change.objects.filter(subject_type=subject_type)
        for old_id in lines.values_list("subject_id", flat=True).distinct():
            lines.filter(subject_id=old_id).update(
                subject_type="placemembership", subject_id=new_ids.get(old_id)
            )

    copy(
        CollectiveMembership.objects.order_by("pk"),
        lambda row: collective_places[row.collective_id],
        "collectivemembership",
    )
    copy(
        ProjectMembership.objects.order_by("pk"),
        lambda row: project_places[row.project_id],
        "projectmembership",
    )


def copy_back(apps, schema_editor):
    Place = apps.get_model("places", "Place")
    PlaceMembership = apps.get_model("places", "PlaceMembership")
    CollectiveMembership = apps.get_model("collectives", "CollectiveMembership")
    ProjectMembership = apps.get_model("projects", "ProjectMembership")
    for place in Place.objects.exclude(kind="group").iterator():
        rows = PlaceMembership.objects.filter(place=place)
        for row in rows.iterator():
            fields = {name: getattr(row, name) for name in JOB_FIELDS}
            if place.kind == "project":
                ProjectMembership.objects.get_or_create(
                    project_id=place.project_id, person_id=row.person_id, defaults=fields
                )
            else:
                CollectiveMembership.objects.get_or_create(
                    collective_id=place.collective_id, person_id=row.person_id, defaults=fields
                )
        rows.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("places", "0002_groups"),
        ("collectives", "0007_directory_and_join_requests"),
        ("projects", "0005_entries_at_places"),
        ("reviews", "0002_group_is_a_place"),
        ("history", "0002_initial"),
    ]

    operations = [migrations.RunPython(copy_memberships, copy_back)]
