import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('events', '0003_events_in_places'),
        ('people', '__first__'),
        ('projects', '0005_entries_at_places'),
    ]

    operations = [
        migrations.CreateModel(
            name='BreakoutGroup',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=120)),
                ('themes', models.TextField()),
                ('recorded_at', models.DateTimeField()),
                ('event', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='breakouts', to='events.event')),
                ('recorded_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['recorded_at', 'id'],
            },
        ),
        migrations.CreateModel(
            name='Minutes',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('text', models.TextField(blank=True)),
                ('updated_at', models.DateTimeField()),
                ('agreed_at', models.DateTimeField(blank=True, null=True)),
                ('agreed_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('event', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='minutes', to='events.event')),
                ('written_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name_plural': 'minutes',
                'constraints': [models.CheckConstraint(condition=models.Q(('agreed_at__isnull', True), models.Q(('text', ''), _negated=True), _connector='OR'), name='events_agreed_minutes_have_text')],
            },
        ),
        migrations.CreateModel(
            name='MinutesComment',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('text', models.TextField()),
                ('created_at', models.DateTimeField()),
                ('author', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('minutes', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='comments', to='events.minutes')),
            ],
            options={
                'ordering': ['created_at', 'id'],
            },
        ),
        migrations.CreateModel(
            name='WalkIn',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('guest_name', models.CharField(blank=True, max_length=120)),
                ('guest_email', models.EmailField(blank=True, max_length=254)),
                ('added_at', models.DateTimeField()),
                ('added_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('event', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='walk_ins', to='events.event')),
                ('participation', models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='event_walk_in', to='projects.participation')),
                ('person', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='event_walk_ins', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['added_at', 'id'],
                'constraints': [models.UniqueConstraint(condition=models.Q(('person__isnull', False)), fields=('event', 'person'), name='events_one_walk_in_per_person'), models.CheckConstraint(condition=models.Q(models.Q(('guest_email', ''), ('guest_name', ''), ('person__isnull', False)), models.Q(('person__isnull', True), models.Q(('guest_name', ''), _negated=True)), _connector='OR'), name='events_walk_in_person_or_named_guest')],
            },
        ),
        migrations.CreateModel(
            name='Material',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('title', models.CharField(max_length=200)),
                ('kind', models.CharField(choices=[('slides', 'Slides'), ('paper', 'A paper'), ('easy_read', 'An easy read version'), ('notes', 'Notes'), ('other', 'Something else')], default='other', max_length=20)),
                ('visible_to', models.CharField(choices=[('event', 'Everyone who can see the event'), ('registered', 'Only people with a place (and the organisers)'), ('organisers', 'Only the organisers')], default='event', max_length=20, verbose_name='who may see it')),
                ('file', models.FileField(max_length=300, upload_to='events/materials/%Y/%m/')),
                ('file_name', models.CharField(blank=True, help_text='The name the file had when it was uploaded.', max_length=200)),
                ('file_type', models.CharField(help_text='The content type found by reading the file.', max_length=100)),
                ('size', models.PositiveIntegerField(default=0)),
                ('uploaded_at', models.DateTimeField()),
                ('event', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='materials', to='events.event')),
                ('uploaded_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['uploaded_at', 'id'],
                'indexes': [models.Index(fields=['event', 'uploaded_at'], name='events_mate_event_i_b75723_idx')],
            },
        ),
    ]
