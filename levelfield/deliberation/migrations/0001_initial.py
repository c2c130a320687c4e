import django.db.models.deletion
import levelfield.deliberation.models
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
            name='Conversation',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('title', models.CharField(max_length=200)),
                ('prompt', models.TextField(help_text='The question people respond to, in plain English. For example: “How should patient data be used in health research?”')),
                ('who_may_take_part', models.CharField(choices=[('members', 'Members only'), ('link', 'Anyone with the link (they give a name to take part)')], default='members', max_length=10, verbose_name='who may take part')),
                ('moderation', models.CharField(choices=[('at_once', 'New statements appear at once'), ('first', 'New statements appear after a member accepts them')], default='at_once', max_length=10, verbose_name='new statements')),
                ('link_token', models.CharField(default=levelfield.deliberation.models._new_token, max_length=40, unique=True)),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('closed_at', models.DateTimeField(blank=True, null=True)),
                ('analysis_due_at', models.DateTimeField(blank=True, null=True)),
                ('collective', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='conversations', to='collectives.collective')),
                ('created_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('project', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='conversations', to='projects.project')),
            ],
            options={
                'ordering': ['-created_at', '-id'],
                'constraints': [models.CheckConstraint(condition=models.Q(models.Q(('collective__isnull', False), ('project__isnull', True)), models.Q(('collective__isnull', True), ('project__isnull', False)), _connector='OR'), name='deliberation_in_project_or_collective')],
            },
        ),
        migrations.CreateModel(
            name='Analysis',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('computed_at', models.DateTimeField()),
                ('seconds', models.FloatField(default=0.0)),
                ('result', models.JSONField()),
                ('conversation', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='analysis', to='deliberation.conversation')),
            ],
        ),
        migrations.CreateModel(
            name='Participant',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(blank=True, max_length=80)),
                ('token', models.CharField(default=levelfield.deliberation.models._new_token, max_length=40, unique=True)),
                ('joined_at', models.DateTimeField(auto_now_add=True)),
                ('conversation', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='participants', to='deliberation.conversation')),
                ('person', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='conversation_participations', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'constraints': [models.UniqueConstraint(condition=models.Q(('person__isnull', False)), fields=('conversation', 'person'), name='deliberation_one_participant_per_person')],
            },
        ),
        migrations.CreateModel(
            name='Statement',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('number', models.PositiveIntegerField(help_text='Its number in the conversation (comment-id).')),
                ('text', models.CharField(max_length=280)),
                ('text_key', models.CharField(max_length=280)),
                ('is_seed', models.BooleanField(default=False)),
                ('status', models.CharField(choices=[('shown', 'Shown'), ('waiting', 'Waiting for a member to accept it'), ('rejected', 'Moderated out')], default='shown', max_length=10)),
                ('created_at', models.DateTimeField()),
                ('priority', models.FloatField(default=9.0)),
                ('author', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='statements', to='deliberation.participant')),
                ('conversation', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='statements', to='deliberation.conversation')),
            ],
            options={
                'ordering': ['number'],
                'indexes': [models.Index(fields=['conversation', 'status', '-priority'], name='deliberatio_convers_4ef500_idx')],
                'constraints': [models.UniqueConstraint(fields=('conversation', 'number'), name='deliberation_statement_number_unique'), models.UniqueConstraint(fields=('conversation', 'text_key'), name='deliberation_statement_text_unique')],
            },
        ),
        migrations.CreateModel(
            name='ReactionLog',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('vote', models.SmallIntegerField(choices=[(1, 'Agree'), (-1, 'Disagree'), (0, 'Pass or unsure')])),
                ('reacted_at', models.DateTimeField()),
                ('participant', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='deliberation.participant')),
                ('statement', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='deliberation.statement')),
            ],
            options={
                'constraints': [models.CheckConstraint(condition=models.Q(('vote__in', [-1, 0, 1])), name='deliberation_logged_vote_values')],
            },
        ),
        migrations.CreateModel(
            name='Reaction',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('vote', models.SmallIntegerField(choices=[(1, 'Agree'), (-1, 'Disagree'), (0, 'Pass or unsure')])),
                ('reacted_at', models.DateTimeField()),
                ('participant', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='reactions', to='deliberation.participant')),
                ('statement', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='reactions', to='deliberation.statement')),
            ],
            options={
                'constraints': [models.UniqueConstraint(fields=('participant', 'statement'), name='deliberation_one_reaction'), models.CheckConstraint(condition=models.Q(('vote__in', [-1, 0, 1])), name='deliberation_vote_values')],
            },
        ),
        migrations.CreateModel(
            name='Draft',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('updated_at', models.DateTimeField(auto_now=True)),
                ('conversation', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='draft', to='deliberation.conversation')),
                ('decision', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='decisions.decision')),
                ('statements', models.ManyToManyField(blank=True, related_name='+', to='deliberation.statement')),
            ],
        ),
    ]
