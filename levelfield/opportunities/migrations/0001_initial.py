import django.db.models.deletion
import django.utils.timezone
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
            name='Topic',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('slug', models.SlugField(max_length=60, unique=True)),
                ('name', models.CharField(max_length=80)),
                ('position', models.PositiveSmallIntegerField(default=0)),
            ],
            options={
                'ordering': ['position', 'name'],
            },
        ),
        migrations.CreateModel(
            name='Opportunity',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('title', models.CharField(max_length=200, verbose_name='role title')),
                ('summary', models.TextField(verbose_name='what it is')),
                ('who_for', models.TextField(verbose_name='who it is for')),
                ('perspectives', models.JSONField(blank=True, default=list, help_text='PerspectiveKind values.', verbose_name='perspectives wanted')),
                ('time_needed', models.CharField(max_length=200, verbose_name='time it takes')),
                ('starts_on', models.DateField(blank=True, null=True)),
                ('ends_on', models.DateField(blank=True, null=True)),
                ('mode', models.CharField(choices=[('online', 'Online'), ('in_person', 'In person'), ('both', 'Online or in person')], max_length=20)),
                ('region', models.CharField(choices=[('anywhere', 'Anywhere (online)'), ('london', 'London'), ('south_east', 'South East England'), ('south_west', 'South West England'), ('east', 'East of England'), ('east_midlands', 'East Midlands'), ('west_midlands', 'West Midlands'), ('yorkshire', 'Yorkshire and the Humber'), ('north_east', 'North East England'), ('north_west', 'North West England'), ('scotland', 'Scotland'), ('wales', 'Wales'), ('northern_ireland', 'Northern Ireland')], max_length=30)),
                ('accessibility', models.TextField(blank=True)),
                ('paid', models.BooleanField(default=True)),
                ('payment', models.TextField(blank=True, verbose_name='what it pays')),
                ('gains', models.TextField(blank=True, verbose_name='what people gain')),
                ('how_to_ask', models.TextField(blank=True, verbose_name='how to ask questions')),
                ('closes_on', models.DateField(verbose_name='closing date')),
                ('involvement', models.CharField(choices=[('advisory_group', 'Joining an advisory or steering group'), ('workshop', 'A one-off workshop or discussion'), ('reviewing', 'Reviewing plans, leaflets or funding applications'), ('co_researcher', 'Doing the research with the team (co-researcher)'), ('panel', 'Sitting on an interview or funding panel'), ('priority_setting', 'Helping to choose research priorities')], max_length=30)),
                ('state', models.CharField(choices=[('draft', 'Draft'), ('submitted', 'Waiting to be checked'), ('live', 'Live'), ('closed', 'Closed')], default='draft', max_length=20)),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('updated_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('submitted_at', models.DateTimeField(blank=True, null=True)),
                ('published_at', models.DateTimeField(blank=True, null=True)),
                ('closed_at', models.DateTimeField(blank=True, null=True)),
                ('sent_back_at', models.DateTimeField(blank=True, null=True)),
                ('sent_back_comments', models.TextField(blank=True)),
                ('matched_at', models.DateTimeField(blank=True, null=True)),
                ('checked_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='opportunities_checked', to=settings.AUTH_USER_MODEL)),
                ('created_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='opportunities_written', to=settings.AUTH_USER_MODEL)),
                ('place', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='places.place')),
                ('topics', models.ManyToManyField(blank=True, related_name='opportunities', to='opportunities.topic')),
            ],
            options={
                'verbose_name_plural': 'opportunities',
                'ordering': ['closes_on', 'pk'],
                'indexes': [models.Index(fields=['state', 'closes_on'], name='opportunities_state_closes'), models.Index(fields=['place', 'state'], name='opportunities_place_state')],
                'constraints': [models.CheckConstraint(condition=models.Q(('state__in', ['draft', 'submitted', 'live', 'closed'])), name='opportunities_known_state'), models.CheckConstraint(condition=models.Q(models.Q(('state', 'live'), _negated=True), ('published_at__isnull', False), _connector='OR'), name='opportunities_live_has_published_at'), models.CheckConstraint(condition=models.Q(('ends_on__isnull', True), ('starts_on__isnull', True), ('ends_on__gte', models.F('starts_on')), _connector='OR'), name='opportunities_ends_after_start')],
            },
        ),
        migrations.CreateModel(
            name='Preference',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('involvements', models.JSONField(blank=True, default=list)),
                ('updated_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('person', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='opportunity_preference', to=settings.AUTH_USER_MODEL)),
                ('topics', models.ManyToManyField(blank=True, related_name='+', to='opportunities.topic')),
            ],
        ),
        migrations.CreateModel(
            name='Interest',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=120)),
                ('email', models.EmailField(max_length=254)),
                ('why', models.TextField()),
                ('perspectives', models.JSONField(blank=True, default=list)),
                ('access_needs', models.TextField(blank=True)),
                ('access_needs_shared_at', models.DateTimeField(blank=True, null=True)),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('updated_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('person', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='opportunity_interests', to=settings.AUTH_USER_MODEL)),
                ('opportunity', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='interests', to='opportunities.opportunity')),
            ],
            options={
                'ordering': ['created_at', 'pk'],
                'indexes': [models.Index(fields=['opportunity', 'created_at'], name='opportuniti_opportu_387e04_idx')],
                'constraints': [models.CheckConstraint(condition=models.Q(('access_needs', ''), ('access_needs_shared_at__isnull', False), _connector='OR'), name='opportunities_access_needs_only_with_consent')],
            },
        ),
    ]
