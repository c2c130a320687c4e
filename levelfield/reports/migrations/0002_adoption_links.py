"""Every report's open sign-off decision goes into the one table of adoptions
(decisions.Adoption); it is applied when the decision closes, or, if it closed while
nobody pressed the old "record the result" button, by the next run of
`close_due_decisions`. Sign-offs already recorded keep their columns on the report."""

from django.db import migrations


def link(apps, schema_editor):
    Report = apps.get_model("reports", "Report")
    Adoption = apps.get_model("decisions", "Adoption")
    linked = Report.objects.filter(signoff_decision__isnull=False)
    for report in linked.values("pk", "signoff_decision_id"):
        Adoption.objects.get_or_create(
            decision_id=report["signoff_decision_id"],
            defaults={"subject_kind": "report", "subject_id": report["pk"]},
        )


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0001_initial"),
        ("decisions", "0007_adoption"),
    ]

    operations = [migrations.RunPython(link, migrations.RunPython.noop)]
