"""Every document has its place (0004 gave each one): the place is required and the old
project and collective columns go."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("documents", "0004_document_place"),
    ]

    operations = [
        migrations.AlterField(
            model_name="document",
            name="place",
            field=models.ForeignKey(
                on_delete=models.deletion.CASCADE,
                related_name="documents",
                to="places.place",
            ),
        ),
        migrations.RemoveField(model_name="document", name="project"),
        migrations.RemoveField(model_name="document", name="collective"),
    ]
