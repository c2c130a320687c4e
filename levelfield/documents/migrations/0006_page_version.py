"""A counter every change the document page shows moves, so the page keeps its pieces
per it (documents.services.page_changed)."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('documents', '0005_place_required'),
    ]

    operations = [
        migrations.AddField(
            model_name='document',
            name='page_version',
            field=models.PositiveIntegerField(default=0),
        ),
    ]
