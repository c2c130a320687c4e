import django.db.models.deletion
import levelfield.decisions.models
import uuid
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('collectives', '0003_decision_days_range'),
        ('people', '__first__'),
        ('projects', '0001_initial'),
    ]

    operations = [
        migrations.CreateModel(
            name='Decision',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('method', models.CharField(choices=[('proposal', 'Proposal'), ('consent', 'Consent'), ('single_choice', 'Single choice'), ('multiple_choice', 'Multiple choice'), ('ranked', 'Ranked choice'), ('dot_vote', 'Dot vote'), ('score', 'Score'), ('time_poll', 'Time poll'), ('gradients', 'Gradients of agreement')], max_length=20)),
                ('title', models.CharField(max_length=200)),
                ('background', models.TextField(help_text='What the decision is about and why it matters, in plain English.', verbose_name='background')),
                ('has_discussion', models.BooleanField(default=False, help_text='Until voting opens, anyone can add options and pros and cons.', verbose_name='talk it through before voting')),
                ('opens_at', models.DateTimeField(verbose_name='voting opens')),
                ('closes_at', models.DateTimeField(verbose_name='voting closes')),
                ('anonymous', models.BooleanField(default=False)),
                ('results_hidden', models.BooleanField(default=False, verbose_name='hide results until closing')),
                ('reasons_policy', models.CharField(choices=[('optional', 'Reasons are optional'), ('required', 'Everyone gives a reason'), ('objections', 'A reason is needed to disagree, object or block')], default='optional', max_length=20)),
                ('max_choices', models.PositiveSmallIntegerField(default=1)),
                ('dot_budget', models.PositiveSmallIntegerField(default=10)),
                ('score_min', models.SmallIntegerField(default=0)),
                ('score_max', models.SmallIntegerField(default=5)),
                ('voice_check', models.CharField(choices=[('none', 'No voice check'), ('public', 'Responses from people with lived experience, carers or young people'), ('each', 'Responses from each perspective in the team')], default='none', max_length=20)),
                ('voice_minimum', models.PositiveSmallIntegerField(default=1)),
                ('timezone_name', models.CharField(default=levelfield.decisions.models._default_timezone, max_length=64, verbose_name='time zone')),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('closed_at', models.DateTimeField(blank=True, null=True)),
                ('closed_early', models.BooleanField(default=False)),
                ('voices_heard', models.BooleanField(blank=True, help_text="The voice check's result, fixed at closing.", null=True)),
                ('reminder_sent_at', models.DateTimeField(blank=True, null=True)),
                ('collective', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='decisions', to='collectives.collective')),
                ('created_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('involvement_entry', models.ForeignKey(blank=True, help_text="The project's involvement log entry for this decision, made when it closes.", null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='projects.involvemententry')),
                ('project', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='decisions', to='projects.project')),
            ],
            options={
                'ordering': ['-opens_at', '-id'],
                'indexes': [models.Index(fields=['project', '-opens_at'], name='decisions_d_project_132da8_idx'), models.Index(fields=['collective', '-opens_at'], name='decisions_d_collect_23bbb6_idx'), models.Index(fields=['closed_at', 'closes_at'], name='decisions_d_closed__23eb77_idx')],
                'constraints': [models.CheckConstraint(condition=models.Q(models.Q(('collective__isnull', True), ('project__isnull', False)), models.Q(('collective__isnull', False), ('project__isnull', True)), _connector='OR'), name='decisions_project_xor_collective'), models.CheckConstraint(condition=models.Q(('closes_at__gt', models.F('opens_at'))), name='decisions_closes_after_opening'), models.CheckConstraint(condition=models.Q(('anonymous', False), ('results_hidden', True), _connector='OR'), name='decisions_anonymous_results_hidden'), models.CheckConstraint(condition=models.Q(('max_choices__gte', 1), ('dot_budget__gte', 1), ('voice_minimum__gte', 1)), name='decisions_positive_limits'), models.CheckConstraint(condition=models.Q(('score_max__gt', models.F('score_min'))), name='decisions_score_range')],
            },
        ),
        migrations.CreateModel(
            name='Option',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('label', models.CharField(max_length=200)),
                ('position', models.PositiveIntegerField(default=0)),
                ('starts_at', models.DateTimeField(blank=True, null=True)),
                ('ends_at', models.DateTimeField(blank=True, null=True)),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('added_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('decision', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='options', to='decisions.decision')),
            ],
            options={
                'ordering': ['position', 'id'],
                'constraints': [models.UniqueConstraint(fields=('decision', 'label'), name='decisions_option_unique'), models.CheckConstraint(condition=models.Q(models.Q(('ends_at__isnull', True), ('starts_at__isnull', True)), models.Q(('ends_at__gt', models.F('starts_at')), ('starts_at__isnull', False)), _connector='OR'), name='decisions_option_time_order')],
            },
        ),
        migrations.CreateModel(
            name='DiscussionPoint',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('pro', 'For (a pro)'), ('con', 'Against (a con)'), ('comment', 'Comment or question')], max_length=10)),
                ('text', models.TextField()),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('author', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('decision', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='points', to='decisions.decision')),
                ('option', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='points', to='decisions.option')),
            ],
            options={
                'ordering': ['created_at', 'id'],
            },
        ),
        migrations.CreateModel(
            name='Outcome',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('statement', models.TextField(verbose_name='what we decided')),
                ('reasons', models.TextField(blank=True, verbose_name='why we decided it')),
                ('next_steps', models.TextField(blank=True, verbose_name='next steps')),
                ('review_on', models.DateField(blank=True, null=True, verbose_name='review date')),
                ('written_at', models.DateTimeField()),
                ('updated_at', models.DateTimeField()),
                ('chosen_option', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='decisions.option')),
                ('decision', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='outcome', to='decisions.decision')),
                ('written_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
        ),
        migrations.CreateModel(
            name='Response',
            fields=[
                ('id', models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False)),
                ('payload', models.JSONField()),
                ('reason', models.TextField(blank=True)),
                ('updated_at', models.DateTimeField(blank=True, null=True)),
                ('decision', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='responses', to='decisions.decision')),
                ('person', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='decision_responses', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['id'],
                'constraints': [models.UniqueConstraint(condition=models.Q(('person__isnull', False)), fields=('decision', 'person'), name='decisions_one_response_per_person')],
            },
        ),
        migrations.CreateModel(
            name='ResponseChange',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('changed_at', models.DateTimeField()),
                ('payload_before', models.JSONField()),
                ('reason_before', models.TextField(blank=True)),
                ('payload_after', models.JSONField()),
                ('reason_after', models.TextField(blank=True)),
                ('response', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='changes', to='decisions.response')),
            ],
            options={
                'ordering': ['changed_at', 'id'],
            },
        ),
        migrations.CreateModel(
            name='Voter',
            fields=[
                ('id', models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False)),
                ('decision', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='voters', to='decisions.decision')),
                ('person', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['id'],
                'constraints': [models.UniqueConstraint(fields=('decision', 'person'), name='decisions_one_voter')],
            },
        ),
    ]
