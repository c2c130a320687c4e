

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('decisions', '0006_blocking_reasons'),
    ]

    operations = [
        migrations.CreateModel(
            name='Adoption',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('subject_kind', models.CharField(max_length=40)),
                ('subject_id', models.PositiveBigIntegerField()),
                ('applied_at', models.DateTimeField(blank=True, null=True)),
                ('passed', models.BooleanField(blank=True, null=True)),
                ('decision', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='adoption', to='decisions.decision')),
            ],
            options={
                'indexes': [models.Index(fields=['subject_kind', 'subject_id'], name='decisions_a_subject_82a9d3_idx')],
            },
        ),
    ]
