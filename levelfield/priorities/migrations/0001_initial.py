import django.db.models.deletion
import levelfield.priorities.models
import uuid
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('collectives', '0005_coordinator_job'),
        ('people', '__first__'),
        ('projects', '0003_coordinator_job_and_join_requests'),
    ]

    operations = [
        migrations.CreateModel(
            name='Idea',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('title', models.CharField(max_length=200)),
                ('description', models.TextField()),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('collective', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='ideas', to='collectives.collective')),
                ('created_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('project', models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='projects.project')),
            ],
            options={
                'ordering': ['-created_at', '-pk'],
            },
        ),
        migrations.CreateModel(
            name='IdeaComment',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('text', models.TextField()),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('author', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('idea', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='comments', to='priorities.idea')),
            ],
            options={
                'ordering': ['created_at', 'pk'],
            },
        ),
        migrations.CreateModel(
            name='IdeaOwner',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('idea', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='ownerships', to='priorities.idea')),
                ('person', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'constraints': [models.UniqueConstraint(fields=('idea', 'person'), name='priorities_own_idea_once')],
            },
        ),
        migrations.AddField(
            model_name='idea',
            name='owners',
            field=models.ManyToManyField(related_name='+', through='priorities.IdeaOwner', to=settings.AUTH_USER_MODEL),
        ),
        migrations.CreateModel(
            name='Partnership',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('title', models.CharField(max_length=200)),
                ('scope', models.TextField(help_text='Which questions are in scope, and which are not.')),
                ('stage', models.CharField(choices=[('survey', 'Gathering questions'), ('processing', 'Processing the questions'), ('interim', 'Interim priority survey'), ('workshop', 'Final workshop'), ('published', 'Top 10 published')], default='survey', max_length=20)),
                ('survey_token', models.CharField(default=levelfield.priorities.models.new_survey_token, max_length=32, unique=True)),
                ('survey_closes_on', models.DateField(blank=True, null=True, verbose_name='question survey closes')),
                ('interim_closes_on', models.DateField(blank=True, null=True, verbose_name='interim survey closes')),
                ('workshop_on', models.DateField(blank=True, null=True, verbose_name='final workshop')),
                ('shortlist_size', models.PositiveSmallIntegerField(default=25)),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('published_at', models.DateTimeField(blank=True, null=True)),
                ('collective', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='partnerships', to='collectives.collective')),
                ('created_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('project', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='projects.project')),
            ],
            options={
                'ordering': ['-created_at'],
                'constraints': [models.CheckConstraint(condition=models.Q(('shortlist_size__gte', 10), ('shortlist_size__lte', 60)), name='priorities_shortlist_size_sensible')],
            },
        ),
        migrations.CreateModel(
            name='InterimBallot',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('token', models.UUIDField(default=uuid.uuid4, unique=True)),
                ('perspective', models.CharField(choices=[('patient', 'Someone with the condition'), ('carer', 'A carer, family member or friend'), ('professional', 'A health or care professional'), ('other', 'Someone else')], max_length=20)),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('partnership', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='interim_ballots', to='priorities.partnership')),
            ],
        ),
        migrations.CreateModel(
            name='Demographics',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('age_band', models.CharField(blank=True, max_length=20)),
                ('region', models.CharField(blank=True, max_length=100)),
                ('given_on', models.DateField()),
                ('partnership', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='demographics', to='priorities.partnership')),
            ],
        ),
        migrations.CreateModel(
            name='SteeringMember',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('added_at', models.DateTimeField(auto_now_add=True)),
                ('partnership', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='steering_members', to='priorities.partnership')),
                ('person', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['added_at', 'pk'],
                'constraints': [models.UniqueConstraint(fields=('partnership', 'person'), name='priorities_steer_once')],
            },
        ),
        migrations.CreateModel(
            name='Submission',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('token', models.UUIDField(unique=True)),
                ('perspective', models.CharField(choices=[('patient', 'Someone with the condition'), ('carer', 'A carer, family member or friend'), ('professional', 'A health or care professional'), ('other', 'Someone else')], max_length=20)),
                ('consent', models.BooleanField()),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('partnership', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='submissions', to='priorities.partnership')),
            ],
            options={
                'indexes': [models.Index(fields=['partnership', 'perspective'], name='priorities__partner_477048_idx')],
                'constraints': [models.CheckConstraint(condition=models.Q(('consent', True)), name='priorities_submission_consent')],
            },
        ),
        migrations.CreateModel(
            name='SubmittedQuestion',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('text', models.TextField()),
                ('out_of_scope', models.BooleanField(default=False)),
                ('out_of_scope_reason', models.CharField(blank=True, max_length=300)),
                ('partnership', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='submitted_questions', to='priorities.partnership')),
                ('submission', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='questions', to='priorities.submission')),
            ],
            options={
                'ordering': ['pk'],
            },
        ),
        migrations.CreateModel(
            name='SimilarPair',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('score', models.FloatField()),
                ('answer', models.CharField(choices=[('waiting', 'Not looked at yet'), ('same', 'Asking the same thing'), ('different', 'Different questions')], default='waiting', max_length=10)),
                ('partnership', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='similar_pairs', to='priorities.partnership')),
                ('first', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='priorities.submittedquestion')),
                ('second', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='priorities.submittedquestion')),
            ],
            options={
                'ordering': ['-score', 'pk'],
                'indexes': [models.Index(fields=['partnership', 'answer', '-score'], name='priorities__partner_2d3421_idx')],
                'constraints': [models.UniqueConstraint(fields=('first', 'second'), name='priorities_pair_once'), models.CheckConstraint(condition=models.Q(('first__lt', models.F('second'))), name='priorities_pair_order')],
            },
        ),
        migrations.CreateModel(
            name='Subscriber',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('email', models.EmailField(max_length=254)),
                ('partnership', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='subscribers', to='priorities.partnership')),
            ],
            options={
                'constraints': [models.UniqueConstraint(fields=('partnership', 'email'), name='priorities_sub_once')],
            },
        ),
        migrations.CreateModel(
            name='SummaryQuestion',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('text', models.TextField()),
                ('status', models.CharField(choices=[('long_list', 'On the long list'), ('answered', 'Already answered by evidence'), ('out_of_scope', 'Out of scope')], default='long_list', max_length=20)),
                ('evidence', models.CharField(blank=True, help_text='For example a DOI.', max_length=500, verbose_name='evidence reference')),
                ('shortlisted', models.BooleanField(default=False)),
                ('rank', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='final rank')),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('created_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('partnership', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='summary_questions', to='priorities.partnership')),
            ],
            options={
                'ordering': ['pk'],
                'constraints': [models.CheckConstraint(condition=models.Q(models.Q(('status', 'answered'), _negated=True), models.Q(('evidence', ''), _negated=True), _connector='OR'), name='priorities_answered_has_evidence'), models.UniqueConstraint(condition=models.Q(('rank__isnull', False)), fields=('partnership', 'rank'), name='priorities_one_question_per_rank')],
            },
        ),
        migrations.AddField(
            model_name='submittedquestion',
            name='summary',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='originals', to='priorities.summaryquestion'),
        ),
        migrations.CreateModel(
            name='InterimChoice',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('ballot', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='picks', to='priorities.interimballot')),
                ('question', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='picks', to='priorities.summaryquestion')),
            ],
            options={
                'constraints': [models.UniqueConstraint(fields=('ballot', 'question'), name='priorities_pick_once')],
            },
        ),
        migrations.AddField(
            model_name='interimballot',
            name='choices',
            field=models.ManyToManyField(related_name='+', through='priorities.InterimChoice', to='priorities.summaryquestion'),
        ),
        migrations.CreateModel(
            name='WorkshopGroup',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('round', models.PositiveSmallIntegerField(default=1)),
                ('name', models.CharField(max_length=100)),
                ('partnership', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='workshop_groups', to='priorities.partnership')),
            ],
            options={
                'ordering': ['round', 'name', 'pk'],
                'constraints': [models.UniqueConstraint(fields=('partnership', 'round', 'name'), name='priorities_group_name_once')],
            },
        ),
        migrations.CreateModel(
            name='GroupRank',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('rank', models.PositiveSmallIntegerField()),
                ('question', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='priorities.summaryquestion')),
                ('group', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='ranks', to='priorities.workshopgroup')),
            ],
            options={
                'constraints': [models.UniqueConstraint(fields=('group', 'question'), name='priorities_rank_once'), models.UniqueConstraint(fields=('group', 'rank'), name='priorities_rank_unique'), models.CheckConstraint(condition=models.Q(('rank__gte', 1)), name='priorities_rank_positive')],
            },
        ),
        migrations.AddIndex(
            model_name='submittedquestion',
            index=models.Index(fields=['partnership', 'summary'], name='priorities__partner_13f6ff_idx'),
        ),
        migrations.AddConstraint(
            model_name='submittedquestion',
            constraint=models.CheckConstraint(condition=models.Q(('out_of_scope', False), models.Q(('out_of_scope_reason', ''), _negated=True), _connector='OR'), name='priorities_set_aside_says_why'),
        ),
    ]
