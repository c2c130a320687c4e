import django.db.models.deletion
import django.db.models.functions.text
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('events', '0003_events_in_places'),
        ('people', '__first__'),
        ('places', '0002_groups'),
        ('projects', '0005_entries_at_places'),
    ]

    operations = [
        migrations.CreateModel(
            name='Organisation',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=200)),
                ('kind', models.CharField(choices=[('health', 'NHS or other health service'), ('council', 'Local council or public body'), ('charity', 'Charity or community group'), ('university', 'University or research institute'), ('funder', 'Funder'), ('business', 'Business'), ('other', 'Other')], max_length=20)),
                ('website', models.URLField(blank=True, max_length=300)),
                ('notes', models.TextField(blank=True)),
                ('active', models.BooleanField(default=True, help_text='Whether the collective works with them now.')),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('updated_at', models.DateTimeField(auto_now=True)),
                ('place', models.ForeignKey(help_text="The collective's own place.", on_delete=django.db.models.deletion.CASCADE, related_name='partner_organisations', to='places.place')),
            ],
            options={
                'ordering': ['name', 'id'],
                'indexes': [models.Index(fields=['place', 'name'], name='partners_org_by_place_name')],
                'constraints': [models.UniqueConstraint(models.F('place'), django.db.models.functions.text.Lower('name'), name='partners_one_organisation_per_name')],
            },
        ),
        migrations.CreateModel(
            name='Contact',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(blank=True, max_length=150)),
                ('role', models.CharField(blank=True, max_length=150, verbose_name='role or job title')),
                ('email', models.EmailField(blank=True, max_length=254)),
                ('phone', models.CharField(blank=True, max_length=40)),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('person', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='partner_contacts', to=settings.AUTH_USER_MODEL)),
                ('organisation', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='contacts', to='partners.organisation')),
            ],
            options={
                'ordering': ['id'],
                'constraints': [models.CheckConstraint(condition=models.Q(('person__isnull', False), models.Q(('name', ''), _negated=True), _connector='OR'), name='partners_a_contact_is_someone'), models.UniqueConstraint(condition=models.Q(('person__isnull', False)), fields=('organisation', 'person'), name='partners_one_contact_per_account')],
            },
        ),
        migrations.CreateModel(
            name='OrganisationRelationship',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('relationship', models.CharField(choices=[('commissioner', 'Commissioner (asks us to do work for them)'), ('funder', 'Funder (pays for our work)'), ('host', 'Host (gives us a home, rooms or support)'), ('partner', 'Partner (we work on things together)'), ('charity', 'Charity we support or work alongside'), ('other', 'Other')], max_length=20)),
                ('organisation', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='relationships', to='partners.organisation')),
            ],
            options={
                'ordering': ['relationship'],
                'constraints': [models.UniqueConstraint(fields=('organisation', 'relationship'), name='partners_one_of_each_relationship')],
            },
        ),
        migrations.CreateModel(
            name='Work',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('project', 'Project'), ('event', 'Event'), ('training', 'Training delivered'), ('workshops', 'Workshop series'), ('advice', 'Advice'), ('other', 'Other')], max_length=20)),
                ('title', models.CharField(max_length=200)),
                ('started_on', models.DateField(verbose_name='from')),
                ('ended_on', models.DateField(blank=True, null=True, verbose_name='to')),
                ('income', models.DecimalField(blank=True, decimal_places=2, max_digits=12, null=True)),
                ('notes', models.TextField(blank=True)),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('updated_at', models.DateTimeField(auto_now=True)),
                ('event', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='partner_work', to='events.event')),
                ('organisation', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='work', to='partners.organisation')),
                ('project', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='partner_work', to='projects.project')),
            ],
            options={
                'ordering': ['-started_on', '-id'],
                'indexes': [models.Index(fields=['organisation', '-started_on'], name='partners_work_by_org'), models.Index(fields=['started_on'], name='partners_work_by_start')],
                'constraints': [models.CheckConstraint(condition=models.Q(('ended_on__isnull', True), ('ended_on__gte', models.F('started_on')), _connector='OR'), name='partners_work_ends_after_it_starts'), models.CheckConstraint(condition=models.Q(('income__isnull', True), ('income__gte', 0), _connector='OR'), name='partners_income_not_negative')],
            },
        ),
    ]
