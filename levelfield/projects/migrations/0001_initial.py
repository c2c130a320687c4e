import django.db.models.deletion
import django.utils.timezone
import levelfield.invitations.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('collectives', '0001_initial'),
        ('people', '__first__'),
    ]

    operations = [
        migrations.CreateModel(
            name='Project',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('title', models.CharField(max_length=200)),
                ('summary', models.TextField(help_text='What the project is about and why it matters, for anyone to understand.', verbose_name='plain-English summary')),
                ('topics', models.CharField(blank=True, help_text='Separate topics with commas.', max_length=300)),
                ('stage', models.CharField(choices=[('identifying', 'Identifying and prioritising'), ('design', 'Design'), ('funding', 'Funding application'), ('ethics', 'Ethics and approvals'), ('doing', 'Doing the research (data collection)'), ('analysis', 'Analysis'), ('dissemination', 'Dissemination'), ('implementation', 'Implementation'), ('evaluation', 'Evaluation and impact')], default='identifying', max_length=30, verbose_name='current stage')),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('updated_at', models.DateTimeField(auto_now=True)),
                ('collective', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='projects', to='collectives.collective')),
                ('created_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['title'],
            },
        ),
        migrations.CreateModel(
            name='InvolvementEntry',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('title', models.CharField(max_length=200, verbose_name='what happened')),
                ('description', models.TextField(blank=True, verbose_name='more detail')),
                ('happened_on', models.DateField(verbose_name='date')),
                ('stage', models.CharField(choices=[('identifying', 'Identifying and prioritising'), ('design', 'Design'), ('funding', 'Funding application'), ('ethics', 'Ethics and approvals'), ('doing', 'Doing the research (data collection)'), ('analysis', 'Analysis'), ('dissemination', 'Dissemination'), ('implementation', 'Implementation'), ('evaluation', 'Evaluation and impact')], max_length=30)),
                ('kind', models.CharField(choices=[('meeting', 'Meeting'), ('workshop', 'Workshop'), ('interview', 'Interview'), ('analysis', 'Analysis'), ('writing', 'Writing'), ('review', 'Review'), ('other', 'Other')], max_length=20)),
                ('what_changed', models.TextField(blank=True, help_text='The difference involvement made: to the question, the design, the materials, the team.', verbose_name='what changed because of it')),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('updated_at', models.DateTimeField(auto_now=True)),
                ('recorded_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('project', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='involvement', to='projects.project')),
            ],
            options={
                'verbose_name_plural': 'involvement entries',
                'ordering': ['-happened_on', '-id'],
                'indexes': [models.Index(fields=['project', '-happened_on'], name='projects_in_project_04d500_idx')],
            },
        ),
        migrations.CreateModel(
            name='ProjectInvitation',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('email', models.EmailField(blank=True, help_text='Empty for a shareable link anyone with it can use.', max_length=254)),
                ('token', models.CharField(default=levelfield.invitations.models.invitation_token_new, editable=False, max_length=64, unique=True)),
                ('message', models.TextField(blank=True, verbose_name='personal message')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('expires_at', models.DateTimeField(default=levelfield.invitations.models._default_expiry)),
                ('accepted_at', models.DateTimeField(blank=True, null=True)),
                ('declined_at', models.DateTimeField(blank=True, null=True)),
                ('revoked_at', models.DateTimeField(blank=True, null=True)),
                ('times_used', models.PositiveIntegerField(default=0)),
                ('accepted_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('invited_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('project', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='invitations', to='projects.project')),
            ],
            options={
                'ordering': ['-created_at'],
                'abstract': False,
                'constraints': [models.CheckConstraint(condition=models.Q(('expires_at__gt', models.F('created_at'))), name='projects_invitation_expires_after_creation')],
            },
        ),
        migrations.CreateModel(
            name='ProjectMembership',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('is_coordinator', models.BooleanField(default=False, help_text='A job (logistics, approvals), never a rank.')),
                ('joined_at', models.DateTimeField(auto_now_add=True)),
                ('person', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='project_memberships', to=settings.AUTH_USER_MODEL)),
                ('project', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='memberships', to='projects.project')),
            ],
            options={
                'ordering': ['joined_at'],
                'constraints': [models.UniqueConstraint(fields=('project', 'person'), name='projects_one_membership')],
            },
        ),
        migrations.AddField(
            model_name='project',
            name='members',
            field=models.ManyToManyField(related_name='projects', through='projects.ProjectMembership', to=settings.AUTH_USER_MODEL),
        ),
        migrations.CreateModel(
            name='Participation',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('minutes', models.PositiveIntegerField()),
                ('entry', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='participations', to='projects.involvemententry')),
                ('person', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='participations', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['id'],
                'constraints': [models.UniqueConstraint(condition=models.Q(('person__isnull', False)), fields=('entry', 'person'), name='projects_one_participation_per_person'), models.CheckConstraint(condition=models.Q(('minutes__gt', 0), ('minutes__lte', 1440)), name='projects_participation_minutes_in_day')],
            },
        ),
    ]
