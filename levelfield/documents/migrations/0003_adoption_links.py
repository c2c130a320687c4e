"""Every document's link to its adoption decision goes into the one table of adoptions
(decisions.Adoption). An adopted document's row is marked applied (passed, at the time
it was adopted); an open one's is applied when its decision closes; one whose decision
closed while nobody pressed the old "record the result" button is applied by the next
run of `close_due_decisions`. The document's own columns stay as they are."""

from django.db import migrations


def link(apps, schema_editor):
    Document = apps.get_model("documents", "Document")
    Adoption = apps.get_model("decisions", "Adoption")
    linked = Document.objects.filter(adoption_decision__isnull=False)
    for document in linked.values("pk", "adoption_decision_id", "adopted_at"):
        Adoption.objects.get_or_create(
            decision_id=document["adoption_decision_id"],
            defaults={
                "subject_kind": "document",
                "subject_id": document["pk"],
                "applied_at": document["adopted_at"],
                "passed": True if document["adopted_at"] else None,
            },
        )


class Migration(migrations.Migration):
    dependencies = [
        ("documents", "0002_comment_published_at"),
        ("decisions", "0007_adoption"),
    ]

    operations = [migrations.RunPython(link, migrations.RunPython.noop)]
