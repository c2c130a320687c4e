import django.db.models.deletion
import django.db.models.functions.text
import levelfield.events.models
import uuid
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
            name='CalendarFeed',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('token', models.CharField(default=levelfield.events.models._feed_token, max_length=64, unique=True)),
                ('reset_at', models.DateTimeField(blank=True, null=True)),
                ('person', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='calendar_feed', to=settings.AUTH_USER_MODEL)),
            ],
        ),
        migrations.CreateModel(
            name='Event',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('series_start', models.DateTimeField(blank=True, help_text="The start the series' rule gave this occurrence.", null=True)),
                ('title', models.CharField(max_length=200)),
                ('description', models.TextField(blank=True, help_text='Plain English. You can use Markdown.', verbose_name='what it is about')),
                ('kind', models.CharField(choices=[('cuppa', 'Cuppa (an open conversation)'), ('meeting', 'Meeting'), ('workshop', 'Workshop'), ('training', 'Training'), ('learning_circle', 'Learning circle')], default='meeting', max_length=20)),
                ('format', models.CharField(choices=[('online', 'Online'), ('in_person', 'In person'), ('hybrid', 'Hybrid (in person and online)')], default='online', max_length=20)),
                ('starts_at', models.DateTimeField()),
                ('ends_at', models.DateTimeField()),
                ('timezone_name', models.CharField(default='Europe/London', max_length=64, verbose_name='time zone')),
                ('topics', models.CharField(blank=True, max_length=300)),
                ('stage', models.CharField(blank=True, choices=[('identifying', 'Identifying and prioritising'), ('design', 'Design'), ('funding', 'Funding application'), ('ethics', 'Ethics and approvals'), ('doing', 'Doing the research (data collection)'), ('analysis', 'Analysis'), ('dissemination', 'Dissemination'), ('implementation', 'Implementation'), ('evaluation', 'Evaluation and impact')], max_length=30, verbose_name='research-cycle stage')),
                ('audience', models.CharField(choices=[('anyone', 'Anyone with the link, including people without an account'), ('collective', 'Members of the collective'), ('project', 'Members of the project')], default='collective', max_length=20, verbose_name='who can come')),
                ('joining_link', models.URLField(blank=True, max_length=500, verbose_name='online joining link')),
                ('venue_name', models.CharField(blank=True, max_length=200, verbose_name='venue')),
                ('venue_address', models.TextField(blank=True, verbose_name='venue address')),
                ('step_free', models.BooleanField(default=False, verbose_name='step-free access')),
                ('hearing_loop', models.BooleanField(default=False, verbose_name='hearing loop')),
                ('accessible_toilets', models.BooleanField(default=False, verbose_name='accessible toilets')),
                ('quiet_room', models.BooleanField(default=False, verbose_name='quiet room')),
                ('venue_notes', models.TextField(blank=True, verbose_name='more about getting there and access')),
                ('capacity', models.PositiveIntegerField(blank=True, help_text='Leave empty for no limit.', null=True, verbose_name='places')),
                ('perspective_caps', models.JSONField(blank=True, default=dict)),
                ('registration_closes_at', models.DateTimeField(blank=True, null=True)),
                ('paid', models.BooleanField(default=False, help_text="Under the collective's payment policy.", verbose_name='attendance is paid time')),
                ('preparation_minutes', models.PositiveIntegerField(default=0)),
                ('reminder_hours', models.JSONField(blank=True, default=list)),
                ('public_code', models.CharField(default=levelfield.events.models._public_code, max_length=40, unique=True)),
                ('places_taken', models.PositiveIntegerField(default=0)),
                ('waiting_count', models.PositiveIntegerField(default=0)),
                ('cancelled_at', models.DateTimeField(blank=True, null=True)),
                ('cancelled_reason', models.TextField(blank=True)),
                ('notes', models.TextField(blank=True, help_text='What happened, what was decided, links to slides. You can use Markdown.', verbose_name='notes and resources')),
                ('notes_published_at', models.DateTimeField(blank=True, null=True)),
                ('attendance_recorded_at', models.DateTimeField(blank=True, null=True)),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('updated_at', models.DateTimeField(auto_now=True)),
                ('collective', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='events', to='collectives.collective')),
                ('created_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('from_decision', models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='event', to='decisions.decision')),
                ('involvement_entry', models.OneToOneField(blank=True, help_text="The project's involvement log entry the attendance wrote.", null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='event', to='projects.involvemententry')),
                ('organisers', models.ManyToManyField(blank=True, related_name='events_organised', to=settings.AUTH_USER_MODEL)),
                ('project', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='events', to='projects.project')),
            ],
            options={
                'ordering': ['starts_at', 'id'],
                'indexes': [models.Index(fields=['collective', 'starts_at'], name='events_even_collect_452565_idx'), models.Index(fields=['project', 'starts_at'], name='events_even_project_534374_idx'), models.Index(fields=['ends_at'], name='events_even_ends_at_4aabb3_idx')],
            },
        ),
        migrations.CreateModel(
            name='AgendaItem',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('title', models.CharField(max_length=200)),
                ('detail', models.TextField(blank=True)),
                ('proposer_perspective', models.CharField(blank=True, choices=[('lived_experience', 'Lived experience of a condition'), ('carer', 'Carer'), ('young_person', 'Young person'), ('researcher', 'Researcher'), ('practitioner', 'Practitioner or clinician'), ('other', 'Other')], max_length=30)),
                ('status', models.CharField(choices=[('proposed', 'Proposed'), ('taken', 'On the agenda'), ('not_taken', 'Not on the agenda')], default='proposed', max_length=20)),
                ('position', models.PositiveIntegerField(default=0)),
                ('reason', models.TextField(blank=True, verbose_name='why')),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('proposed_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('event', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='agenda_items', to='events.event')),
            ],
            options={
                'ordering': ['position', 'created_at', 'id'],
            },
        ),
        migrations.CreateModel(
            name='EventSeries',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('rule', models.CharField(max_length=200)),
                ('first_start', models.DateTimeField()),
                ('timezone_name', models.CharField(default='Europe/London', max_length=64)),
                ('ends_on', models.DateField(blank=True, null=True)),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('collective', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='event_series', to='collectives.collective')),
                ('created_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('project', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='event_series', to='projects.project')),
            ],
            options={
                'verbose_name_plural': 'event series',
            },
        ),
        migrations.AddField(
            model_name='event',
            name='series',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='events', to='events.eventseries'),
        ),
        migrations.CreateModel(
            name='Feedback',
            fields=[
                ('id', models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False)),
                ('heard', models.PositiveSmallIntegerField()),
                ('comment', models.TextField(blank=True)),
                ('perspective', models.CharField(blank=True, choices=[('lived_experience', 'Lived experience of a condition'), ('carer', 'Carer'), ('young_person', 'Young person'), ('researcher', 'Researcher'), ('practitioner', 'Practitioner or clinician'), ('other', 'Other')], max_length=30)),
                ('event', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='feedback', to='events.event')),
            ],
            options={
                'ordering': ['id'],
                'constraints': [models.CheckConstraint(condition=models.Q(('heard__gte', 1), ('heard__lte', 5)), name='events_heard_one_to_five')],
            },
        ),
        migrations.CreateModel(
            name='Registration',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('guest_name', models.CharField(blank=True, max_length=120)),
                ('guest_email', models.EmailField(blank=True, max_length=254)),
                ('status', models.CharField(choices=[('registered', 'Has a place'), ('waiting', 'On the waiting list'), ('cancelled', 'Cancelled')], max_length=20)),
                ('perspective', models.CharField(blank=True, choices=[('lived_experience', 'Lived experience of a condition'), ('carer', 'Carer'), ('young_person', 'Young person'), ('researcher', 'Researcher'), ('practitioner', 'Practitioner or clinician'), ('other', 'Other')], help_text='The perspective the person brings to this event, if they said.', max_length=30)),
                ('registered_at', models.DateTimeField()),
                ('waiting_since', models.DateTimeField(blank=True, null=True)),
                ('cancelled_at', models.DateTimeField(blank=True, null=True)),
                ('access_needs', models.TextField(blank=True)),
                ('access_need_kinds', models.JSONField(blank=True, default=list)),
                ('access_needs_shared_at', models.DateTimeField(blank=True, null=True)),
                ('access_needs_deleted_at', models.DateTimeField(blank=True, null=True)),
                ('attendance_confirmed_at', models.DateTimeField(blank=True, help_text='When the person said they came.', null=True)),
                ('attended', models.BooleanField(blank=True, null=True)),
                ('attended_minutes', models.PositiveIntegerField(blank=True, null=True)),
                ('feedback_given', models.BooleanField(default=False)),
                ('event', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='registrations', to='events.event')),
                ('participation', models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='event_registration', to='projects.participation')),
                ('person', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='event_registrations', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['registered_at', 'id'],
                'indexes': [models.Index(fields=['event', 'status', 'waiting_since'], name='events_regi_event_i_e68ef5_idx')],
                'constraints': [models.UniqueConstraint(condition=models.Q(('person__isnull', False), models.Q(('status', 'cancelled'), _negated=True)), fields=('event', 'person'), name='events_one_place_per_person'), models.UniqueConstraint(models.F('event'), django.db.models.functions.text.Lower('guest_email'), condition=models.Q(('person__isnull', True), models.Q(('status', 'cancelled'), _negated=True)), name='events_one_place_per_guest'), models.CheckConstraint(condition=models.Q(models.Q(('guest_email', ''), ('person__isnull', False)), models.Q(('person__isnull', True), models.Q(('guest_email', ''), _negated=True), models.Q(('guest_name', ''), _negated=True)), _connector='OR'), name='events_person_or_guest'), models.CheckConstraint(condition=models.Q(models.Q(('status', 'waiting'), _negated=True), ('waiting_since__isnull', False), _connector='OR'), name='events_waiting_has_since'), models.CheckConstraint(condition=models.Q(models.Q(('access_needs', ''), ('access_need_kinds', [])), ('access_needs_shared_at__isnull', False), _connector='OR'), name='events_access_needs_only_with_consent')],
            },
        ),
        migrations.CreateModel(
            name='ReminderSent',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('hours_before', models.PositiveIntegerField()),
                ('sent_at', models.DateTimeField()),
                ('registration', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='reminders', to='events.registration')),
            ],
            options={
                'constraints': [models.UniqueConstraint(fields=('registration', 'hours_before'), name='events_reminder_once')],
            },
        ),
        migrations.CreateModel(
            name='AgendaSupport',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('item', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='supports', to='events.agendaitem')),
                ('person', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'constraints': [models.UniqueConstraint(fields=('item', 'person'), name='events_support_once')],
            },
        ),
        migrations.AddConstraint(
            model_name='event',
            constraint=models.CheckConstraint(condition=models.Q(('ends_at__gt', models.F('starts_at'))), name='events_ends_after_start'),
        ),
        migrations.AddConstraint(
            model_name='event',
            constraint=models.CheckConstraint(condition=models.Q(('capacity__isnull', True), ('capacity__gte', 1), _connector='OR'), name='events_capacity_positive'),
        ),
        migrations.AddConstraint(
            model_name='event',
            constraint=models.CheckConstraint(condition=models.Q(('capacity__isnull', True), ('places_taken__lte', models.F('capacity')), _connector='OR'), name='events_places_within_capacity'),
        ),
        migrations.AddConstraint(
            model_name='event',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('audience', 'project'), _negated=True), ('project__isnull', False), _connector='OR'), name='events_project_audience_has_project'),
        ),
        migrations.AddConstraint(
            model_name='event',
            constraint=models.CheckConstraint(condition=models.Q(('preparation_minutes__lte', 480)), name='events_preparation_at_most_eight_hours'),
        ),
        migrations.AddConstraint(
            model_name='event',
            constraint=models.UniqueConstraint(fields=('series', 'series_start'), name='events_one_occurrence_per_start'),
        ),
    ]
