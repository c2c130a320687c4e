import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('collectives', '0005_coordinator_job'),
        ('decisions', '0003_sealed_ballots'),
        ('people', '__first__'),
        ('projects', '0003_coordinator_job_and_join_requests'),
    ]

    operations = [
        migrations.CreateModel(
            name='Report',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('gripp2', 'GRIPP2 short form'), ('annual', 'Annual report')], max_length=10)),
                ('year', models.PositiveSmallIntegerField(blank=True, null=True)),
                ('title', models.CharField(max_length=200)),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('generation_requested_at', models.DateTimeField(blank=True, null=True)),
                ('generated_at', models.DateTimeField(blank=True, null=True)),
                ('signed_off_at', models.DateTimeField(blank=True, null=True)),
                ('published_at', models.DateTimeField(blank=True, null=True)),
                ('collective', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='reports', to='collectives.collective')),
                ('created_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('project', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='reports', to='projects.project')),
                ('published_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('signoff_decision', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='decisions.decision')),
            ],
            options={
                'ordering': ['-created_at', '-id'],
                'constraints': [models.CheckConstraint(condition=models.Q(models.Q(('kind', 'gripp2'), ('project__isnull', False), ('year__isnull', True)), models.Q(('kind', 'annual'), ('project__isnull', True), ('year__isnull', False)), _connector='OR'), name='reports_gripp2_for_a_project_annual_for_a_year'), models.UniqueConstraint(condition=models.Q(('kind', 'gripp2')), fields=('project',), name='reports_one_gripp2_per_project'), models.UniqueConstraint(condition=models.Q(('kind', 'annual')), fields=('collective', 'year'), name='reports_one_annual_per_year')],
            },
        ),
        migrations.CreateModel(
            name='ReportVersion',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('number', models.PositiveIntegerField()),
                ('figures', models.JSONField(default=dict)),
                ('sections', models.JSONField(default=dict)),
                ('changed_section', models.CharField(blank=True, max_length=40)),
                ('note', models.CharField(blank=True, max_length=300, verbose_name='what changed')),
                ('made_at', models.DateTimeField()),
                ('made_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('report', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='versions', to='reports.report')),
            ],
            options={
                'ordering': ['report', '-number'],
                'constraints': [models.UniqueConstraint(fields=('report', 'number'), name='reports_one_version_number'), models.CheckConstraint(condition=models.Q(('number__gte', 1)), name='reports_version_from_1')],
            },
        ),
        migrations.AddField(
            model_name='report',
            name='published_version',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='reports.reportversion'),
        ),
        migrations.AddField(
            model_name='report',
            name='signed_off_version',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='reports.reportversion'),
        ),
        migrations.AddField(
            model_name='report',
            name='signoff_version',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='reports.reportversion'),
        ),
        migrations.AddConstraint(
            model_name='report',
            constraint=models.CheckConstraint(condition=models.Q(('signed_off_at__isnull', True), ('signed_off_version__isnull', False), _connector='OR'), name='reports_signed_off_names_its_version'),
        ),
        migrations.AddConstraint(
            model_name='report',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('published_at__isnull', True), ('published_version__isnull', True)), models.Q(('published_at__isnull', False), ('published_version__isnull', False)), _connector='OR'), name='reports_published_names_its_version'),
        ),
    ]
