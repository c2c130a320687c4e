"""Documents' comments take the one moderation mechanism's fields: `published_at`.
Every existing comment was published when it was written, so it is set to
`created_at`; no row is lost or changed otherwise."""

from django.db import migrations, models
from django.db.models import F


def publish_existing(apps, schema_editor):
    Comment = apps.get_model("documents", "Comment")
    Comment.objects.filter(published_at__isnull=True).update(published_at=F("created_at"))


class Migration(migrations.Migration):
    dependencies = [
        ("documents", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="comment",
            name="published_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.RunPython(publish_existing, migrations.RunPython.noop),
    ]
