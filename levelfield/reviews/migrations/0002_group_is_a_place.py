"""The research partners group becomes a group place: each review group gets its group
(a place of kind "group" in its collective, with the group's name and what it is
about), its members become the place's members (joined dates kept, and the coordinator
job any of them held in the group's old project), its reviewers' time moves from the
old project's involvement log to the group's, and the old project, made only to hold
that log, goes when nothing else is in it. Reversible: going back makes the project
again and moves the time back."""

import django.db.models.deletion
from django.db import migrations, models

from levelfield.lib.migrations import checks_now

PROJECT_SUMMARY = (
    "The research partners group reviews researchers' plans for involving people. "
    "Each review is recorded here, so reviewers' time can be claimed."
)
# What the old project may hold and still be removed: its members, its place and its
# history (which moves to the collective's history), and the review group's own link.
PROJECT_PARTS = {
    "projects.projectmembership",
    "places.place",
    "history.change",
    "reviews.reviewgroup",
}
PLACE_PARTS = {"projects.involvemententry"}
JOB = (
    "coordinator_since",
    "coordinator_asked_at",
    "coordinator_asked_by_id",
    "coordinator_asked_because",
)


def _used_elsewhere(instance, parts) -> bool:
    """Whether any row outside `parts` points at `instance`."""
    for relation in instance._meta.get_fields(include_hidden=True):
        if not relation.auto_created or relation.concrete:  # only what points here
            continue
        model = relation.related_model
        if f"{model._meta.app_label}.{model._meta.model_name}" in parts:
            continue
        if model._default_manager.filter(**{relation.field.name: instance}).exists():
            return True
    return False


def to_group_places(apps, schema_editor) -> None:
    ReviewGroup = apps.get_model("reviews", "ReviewGroup")
    GroupMembership = apps.get_model("reviews", "GroupMembership")
    Place = apps.get_model("places", "Place")
    PlaceMembership = apps.get_model("places", "PlaceMembership")
    InvolvementEntry = apps.get_model("projects", "InvolvementEntry")
    ProjectMembership = apps.get_model("projects", "ProjectMembership")
    Change = apps.get_model("history", "Change")
    for group in ReviewGroup.objects.select_related("project").order_by("pk"):
        place = Place.objects.create(
            kind="group",
            collective_id=group.collective_id,
            group_name=group.name or "Research partners group",
            purpose=group.about,
        )
        group.place = place
        jobs = {
            row["person_id"]: {field: row[field] for field in JOB}
            for row in ProjectMembership.objects.filter(project_id=group.project_id).values(
                "person_id", *JOB
            )
        }
        for membership in GroupMembership.objects.filter(group=group).order_by("pk"):
            PlaceMembership.objects.create(
                place=place,
                person_id=membership.person_id,
                joined_at=membership.joined_at,
                **jobs.get(membership.person_id, {}),
            )
        project = group.project
        old_place = Place.objects.filter(project=project).first()
        if old_place is not None:
            InvolvementEntry.objects.filter(place=old_place).update(place=place)
        group.project = None
        group.save(update_fields=["place", "project"])
        used = _used_elsewhere(project, PROJECT_PARTS) or (
            old_place is not None and _used_elsewhere(old_place, PLACE_PARTS)
        )
        if used or ReviewGroup.objects.filter(project=project).exists():
            continue
        Change.objects.filter(project=project).update(
            project=None, collective_id=group.collective_id
        )
        ProjectMembership.objects.filter(project=project).delete()
        if old_place is not None:
            old_place.delete()
        project.delete()


def to_projects(apps, schema_editor) -> None:
    ReviewGroup = apps.get_model("reviews", "ReviewGroup")
    GroupMembership = apps.get_model("reviews", "GroupMembership")
    Place = apps.get_model("places", "Place")
    PlaceMembership = apps.get_model("places", "PlaceMembership")
    InvolvementEntry = apps.get_model("projects", "InvolvementEntry")
    Project = apps.get_model("projects", "Project")
    ProjectMembership = apps.get_model("projects", "ProjectMembership")
    for group in ReviewGroup.objects.select_related("place").order_by("pk"):
        place = group.place
        project = Project.objects.create(
            collective_id=group.collective_id,
            title=f"{place.group_name}: reviews"[:200],
            summary=PROJECT_SUMMARY,
        )
        project_place = Place.objects.create(
            kind="project", collective_id=group.collective_id, project=project
        )
        InvolvementEntry.objects.filter(place=place).update(place=project_place)
        for membership in PlaceMembership.objects.filter(place=place).order_by("pk"):
            GroupMembership.objects.create(
                group=group, person_id=membership.person_id, joined_at=membership.joined_at
            )
            ProjectMembership.objects.create(
                project=project,
                person_id=membership.person_id,
                **{field: getattr(membership, field) for field in JOB},
            )
        group.name = place.group_name[:120]
        group.about = place.purpose
        group.project = project
        group.place = None
        group.save(update_fields=["name", "about", "project", "place"])
        if not _used_elsewhere(place, {"places.placemembership", "reviews.reviewgroup"}):
            PlaceMembership.objects.filter(place=place).delete()
            place.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("reviews", "0001_initial"),
        ("places", "0002_groups"),
        ("projects", "0005_entries_at_places"),
        ("history", "0002_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="reviewgroup",
            name="place",
            field=models.OneToOneField(
                null=True,
                help_text="The group (a place of kind group in the collective): its members review.",
                on_delete=django.db.models.deletion.PROTECT,
                related_name="review_group",
                to="places.place",
            ),
        ),
        migrations.AlterField(
            model_name="reviewgroup",
            name="project",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="projects.project",
            ),
        ),
        checks_now(),
        migrations.RunPython(to_group_places, to_projects),
        checks_now(),
        migrations.AlterField(
            model_name="reviewgroup",
            name="place",
            field=models.OneToOneField(
                help_text="The group (a place of kind group in the collective): its members review.",
                on_delete=django.db.models.deletion.PROTECT,
                related_name="review_group",
                to="places.place",
            ),
        ),
        migrations.RemoveField(model_name="reviewgroup", name="members"),
        migrations.DeleteModel(name="GroupMembership"),
        migrations.RemoveField(model_name="reviewgroup", name="project"),
        migrations.RemoveField(model_name="reviewgroup", name="name"),
        # A default, so that going back can add the column again to existing rows.
        migrations.AlterField(
            model_name="reviewgroup",
            name="about",
            field=models.TextField(default="", verbose_name="about the group"),
        ),
        migrations.RemoveField(model_name="reviewgroup", name="about"),
    ]
