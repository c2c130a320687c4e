"""Draft principles get the state a decision adopts them into (`adopted_at`), and every
draft's link to its decision goes into the one table of adoptions
(decisions.Adoption): applied when the decision closes, or, for decisions already
closed, by the next run of `close_due_decisions`."""

from django.db import migrations, models


def link(apps, schema_editor):
    Draft = apps.get_model("deliberation", "Draft")
    Adoption = apps.get_model("decisions", "Adoption")
    for draft in Draft.objects.filter(decision__isnull=False).values("pk", "decision_id"):
        Adoption.objects.get_or_create(
            decision_id=draft["decision_id"],
            defaults={"subject_kind": "principles", "subject_id": draft["pk"]},
        )


class Migration(migrations.Migration):
    dependencies = [
        ("deliberation", "0001_initial"),
        ("decisions", "0007_adoption"),
    ]

    operations = [
        migrations.AddField(
            model_name="draft",
            name="adopted_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.RunPython(link, migrations.RunPython.noop),
    ]
