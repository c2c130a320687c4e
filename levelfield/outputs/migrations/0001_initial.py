import django.db.models.deletion
import django.db.models.functions.text
import django.db.models.lookups
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('people', '__first__'),
        ('places', '0002_groups'),
    ]

    operations = [
        migrations.CreateModel(
            name='Output',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('paper', 'Paper'), ('poster', 'Poster'), ('talk', 'Talk'), ('lay_summary', 'Lay summary'), ('report', 'Report'), ('resource', 'Resource'), ('video', 'Video'), ('other', 'Other')], max_length=20)),
                ('title', models.CharField(max_length=300)),
                ('date', models.DateField(help_text='When it was published, presented or released.')),
                ('venue', models.CharField(blank=True, max_length=300, verbose_name='journal, conference or where it appeared')),
                ('doi', models.CharField(blank=True, max_length=200, verbose_name='DOI')),
                ('url', models.URLField(blank=True, max_length=500, verbose_name='web address')),
                ('summary', models.TextField(blank=True, verbose_name='abstract or summary')),
                ('show_publicly', models.BooleanField(default=False, verbose_name='show on the public page')),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('created_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('place', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='outputs', to='places.place')),
            ],
            options={
                'ordering': ['-date', '-id'],
                'indexes': [models.Index(fields=['place', '-date'], name='outputs_place_date')],
                'constraints': [models.CheckConstraint(condition=models.Q(('doi', ''), ('doi__startswith', '10.'), _connector='OR'), name='outputs_doi_shape')],
            },
        ),
        migrations.CreateModel(
            name='Contributor',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('position', models.PositiveIntegerField()),
                ('name', models.CharField(max_length=200, verbose_name='name as credited')),
                ('orcid', models.CharField(blank=True, max_length=19, verbose_name='ORCID iD')),
                ('perspective', models.CharField(blank=True, choices=[('lived_experience', 'Lived experience of a condition'), ('carer', 'Carer'), ('young_person', 'Young person'), ('researcher', 'Researcher'), ('practitioner', 'Practitioner or clinician'), ('other', 'Other')], max_length=20, verbose_name='perspective at the time')),
                ('added_at', models.DateTimeField(auto_now_add=True)),
                ('person', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='output_credits', to=settings.AUTH_USER_MODEL)),
                ('output', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='contributors', to='outputs.output')),
            ],
            options={
                'ordering': ['position', 'id'],
                'constraints': [models.UniqueConstraint(fields=('output', 'position'), name='outputs_one_contributor_per_position'), models.UniqueConstraint(condition=models.Q(('person__isnull', False)), fields=('output', 'person'), name='outputs_member_credited_once'), models.CheckConstraint(condition=models.Q(('name', ''), _negated=True), name='outputs_contributor_named'), models.CheckConstraint(condition=models.Q(('orcid', ''), django.db.models.lookups.Exact(django.db.models.functions.text.Length('orcid'), 19), _connector='OR'), name='outputs_contributor_orcid_shape')],
            },
        ),
        migrations.CreateModel(
            name='Credit',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('role', models.CharField(choices=[('conceptualization', 'Conceptualization'), ('data_curation', 'Data curation'), ('formal_analysis', 'Formal analysis'), ('funding_acquisition', 'Funding acquisition'), ('investigation', 'Investigation'), ('methodology', 'Methodology'), ('project_administration', 'Project administration'), ('resources', 'Resources'), ('software', 'Software'), ('supervision', 'Supervision'), ('validation', 'Validation'), ('visualization', 'Visualization'), ('writing_original_draft', 'Writing – original draft'), ('writing_review_editing', 'Writing – review & editing')], max_length=30)),
                ('degree', models.CharField(blank=True, choices=[('lead', 'Lead'), ('equal', 'Equal'), ('supporting', 'Supporting')], max_length=10)),
                ('contributor', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='credits', to='outputs.contributor')),
            ],
            options={
                'ordering': ['role'],
                'constraints': [models.UniqueConstraint(fields=('contributor', 'role'), name='outputs_role_once')],
            },
        ),
        migrations.CreateModel(
            name='OrcidRecord',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('orcid', models.CharField(max_length=19, verbose_name='ORCID iD')),
                ('updated_at', models.DateTimeField(auto_now=True)),
                ('person', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='orcid_record', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'constraints': [models.CheckConstraint(condition=models.Q(django.db.models.lookups.Exact(django.db.models.functions.text.Length('orcid'), 19)), name='outputs_orcid_record_shape')],
            },
        ),
    ]
