import django.db.models.deletion
import levelfield.analysis.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('learning', '0001_initial'),
        ('people', '__first__'),
        ('places', '0002_groups'),
    ]

    operations = [
        migrations.CreateModel(
            name='Code',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=200)),
                ('definition', models.TextField(help_text='When to use this code, in a sentence or two.')),
                ('example', models.TextField(blank=True, help_text='A passage this code fits.')),
                ('created_at', models.DateTimeField()),
                ('created_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('place', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='analysis_codes', to='places.place')),
            ],
            options={
                'ordering': ['name', 'id'],
                'constraints': [models.UniqueConstraint(fields=('place', 'name'), name='analysis_code_name_once')],
            },
        ),
        migrations.CreateModel(
            name='Settings',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('share_coding', models.BooleanField(default=False, help_text='When yes, everyone on the team sees everyone’s coding; when no, each person sees only their own (agreement is shown either way).', verbose_name='show everyone’s coding')),
                ('place', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='analysis_settings', to='places.place')),
                ('training_course', models.ForeignKey(blank=True, help_text='When set, people join the team after finishing this course.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='learning.course')),
            ],
        ),
        migrations.CreateModel(
            name='Source',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('title', models.CharField(help_text='A name that does not identify anyone, like “Interview 3”.', max_length=200)),
                ('text', models.TextField(blank=True, help_text='The de-identified text the team codes.')),
                ('original_text', models.TextField(blank=True)),
                ('file', models.FileField(blank=True, max_length=200, upload_to=levelfield.analysis.models.original_path)),
                ('stored_name', models.CharField(blank=True, editable=False, max_length=60)),
                ('original_name', models.CharField(blank=True, max_length=200)),
                ('content_type', models.CharField(blank=True, max_length=100)),
                ('delete_original_on', models.DateField(blank=True, null=True, verbose_name='delete the original on')),
                ('original_deleted_at', models.DateTimeField(blank=True, null=True)),
                ('consent_reference', models.CharField(max_length=200, verbose_name='consent form reference')),
                ('quotes_allowed', models.BooleanField(verbose_name='agreed to quotes in publications')),
                ('uploaded_at', models.DateTimeField()),
                ('confirmed_at', models.DateTimeField(blank=True, null=True)),
                ('confirmed_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('place', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='analysis_sources', to='places.place')),
                ('uploaded_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['uploaded_at', 'id'],
                'constraints': [models.UniqueConstraint(fields=('place', 'title'), name='analysis_source_title_once'), models.CheckConstraint(condition=models.Q(('confirmed_at__isnull', True), ('confirmed_at__gte', models.F('uploaded_at')), _connector='OR'), name='analysis_confirmed_after_upload')],
            },
        ),
        migrations.CreateModel(
            name='Segment',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('start', models.PositiveIntegerField()),
                ('end', models.PositiveIntegerField()),
                ('memo', models.TextField(blank=True)),
                ('created_at', models.DateTimeField()),
                ('coder', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('codes', models.ManyToManyField(related_name='segments', to='analysis.code')),
                ('source', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='segments', to='analysis.source')),
            ],
            options={
                'ordering': ['start', 'end', 'id'],
                'indexes': [models.Index(fields=['source', 'start'], name='analysis_segment_start')],
                'constraints': [models.CheckConstraint(condition=models.Q(('end__gt', models.F('start'))), name='analysis_segment_span')],
            },
        ),
        migrations.CreateModel(
            name='TeamMember',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('keeps_originals', models.BooleanField(default=False, help_text='Named by the project: only these people may see the text before de-identification and the uploaded file.', verbose_name='may keep original transcripts')),
                ('joined_at', models.DateTimeField()),
                ('added_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('person', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='analysis_teams', to=settings.AUTH_USER_MODEL)),
                ('place', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='analysis_team', to='places.place')),
                ('training', models.ForeignKey(blank=True, help_text='The finished course, where the project asks for one.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='learning.enrolment')),
            ],
            options={
                'ordering': ['joined_at', 'id'],
                'constraints': [models.UniqueConstraint(fields=('place', 'person'), name='analysis_team_once')],
            },
        ),
        migrations.CreateModel(
            name='Theme',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=200)),
                ('description', models.TextField(blank=True)),
                ('created_at', models.DateTimeField()),
                ('created_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('place', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='analysis_themes', to='places.place')),
            ],
            options={
                'ordering': ['name', 'id'],
                'constraints': [models.UniqueConstraint(fields=('place', 'name'), name='analysis_theme_name_once')],
            },
        ),
        migrations.AddField(
            model_name='code',
            name='theme',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='codes', to='analysis.theme'),
        ),
        migrations.CreateModel(
            name='WordListEntry',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('word', models.CharField(max_length=100)),
                ('added_at', models.DateTimeField()),
                ('added_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('place', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='analysis_words', to='places.place')),
            ],
            options={
                'ordering': ['word', 'id'],
                'constraints': [models.UniqueConstraint(fields=('place', 'word'), name='analysis_word_once'), models.CheckConstraint(condition=models.Q(('word', ''), _negated=True), name='analysis_word_not_empty')],
            },
        ),
    ]
