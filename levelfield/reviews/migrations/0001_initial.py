import django.core.validators
import django.db.models.deletion
import django.utils.timezone
import levelfield.reviews.models
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
            name='GroupMembership',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('joined_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('person', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='review_memberships', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['joined_at', 'id'],
            },
        ),
        migrations.CreateModel(
            name='Response',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('text', models.TextField(blank=True, verbose_name='the group’s response')),
                ('version', models.PositiveIntegerField(default=0)),
                ('updated_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('sent_at', models.DateTimeField(blank=True, null=True)),
                ('drafting_minutes', models.PositiveIntegerField(default=0)),
                ('entry', models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='review_response', to='projects.involvemententry')),
                ('lead', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'constraints': [models.CheckConstraint(condition=models.Q(('drafting_minutes__lte', 1440)), name='reviews_drafting_in_a_day')],
            },
        ),
        migrations.CreateModel(
            name='ResponseComment',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('version', models.PositiveIntegerField()),
                ('text', models.TextField(verbose_name='your comment')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('author', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('response', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='comments', to='reviews.response')),
            ],
            options={
                'ordering': ['created_at', 'id'],
            },
        ),
        migrations.CreateModel(
            name='ReviewGroup',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(default='Research partners group', max_length=120)),
                ('about', models.TextField(help_text='Who is in the group and what it offers researchers, in plain English.', verbose_name='about the group')),
                ('form_guidance', models.TextField(help_text='Shown at the top of the request form: what to send, how long reviews take, and that we will ask what changed.', verbose_name='guidance for researchers')),
                ('accepting_requests', models.BooleanField(default=True)),
                ('report_back_days', models.PositiveSmallIntegerField(default=90, validators=[django.core.validators.MinValueValidator(7), django.core.validators.MaxValueValidator(365)], verbose_name='days before we remind researchers to report back')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('collective', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='review_group', to='collectives.collective')),
                ('members', models.ManyToManyField(related_name='review_groups', through='reviews.GroupMembership', to=settings.AUTH_USER_MODEL)),
                ('project', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='projects.project')),
            ],
            options={
                'constraints': [models.CheckConstraint(condition=models.Q(('report_back_days__gte', 7), ('report_back_days__lte', 365)), name='reviews_report_back_days_in_range')],
            },
        ),
        migrations.AddField(
            model_name='groupmembership',
            name='group',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='memberships', to='reviews.reviewgroup'),
        ),
        migrations.CreateModel(
            name='ReviewRequest',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('organisation', models.CharField(blank=True, max_length=200, verbose_name='your organisation')),
                ('project_title', models.CharField(max_length=200, verbose_name='project title')),
                ('project_summary', models.TextField(verbose_name='what the project is about')),
                ('stage', models.CharField(choices=[('identifying', 'Identifying and prioritising'), ('design', 'Design'), ('funding', 'Funding application'), ('ethics', 'Ethics and approvals'), ('doing', 'Doing the research (data collection)'), ('analysis', 'Analysis'), ('dissemination', 'Dissemination'), ('implementation', 'Implementation'), ('evaluation', 'Evaluation and impact')], max_length=30, verbose_name='research stage')),
                ('involvement_plan', models.TextField(verbose_name='your plan for involving people')),
                ('questions', models.TextField(verbose_name='what you would like the group to answer')),
                ('deadline', models.DateField(verbose_name='when you need the response by')),
                ('status', models.CharField(choices=[('waiting', 'Waiting for reviewers'), ('reviewing', 'Being reviewed'), ('drafting', 'Response being agreed'), ('sent', 'Response sent'), ('reported', 'Researcher reported back'), ('withdrawn', 'Withdrawn')], default='waiting', max_length=20)),
                ('submitted_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('response_sent_at', models.DateTimeField(blank=True, null=True)),
                ('report_back_due', models.DateTimeField(blank=True, null=True)),
                ('reminder_sent_at', models.DateTimeField(blank=True, null=True)),
                ('withdrawn_at', models.DateTimeField(blank=True, null=True)),
                ('group', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='requests', to='reviews.reviewgroup')),
                ('researcher', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='review_requests', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['deadline', 'id'],
                'indexes': [models.Index(fields=['group', 'status', 'deadline'], name='reviews_rev_group_i_361e5b_idx')],
                'constraints': [models.CheckConstraint(condition=models.Q(('status__in', ['waiting', 'reviewing', 'drafting', 'withdrawn']), models.Q(('report_back_due__isnull', False), ('response_sent_at__isnull', False)), _connector='OR'), name='reviews_sent_has_a_date')],
            },
        ),
        migrations.CreateModel(
            name='Review',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('signed_up_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('meaningful', models.CharField(blank=True, choices=[('yes', 'Yes'), ('partly', 'Partly'), ('no', 'No'), ('unsure', 'Not sure')], max_length=10, verbose_name='Is the involvement meaningful?')),
                ('meaningful_comment', models.TextField(blank=True)),
                ('paid', models.CharField(blank=True, choices=[('yes', 'Yes'), ('partly', 'Partly'), ('no', 'No'), ('unsure', 'Not sure')], max_length=10, verbose_name='Are people paid fairly for their time?')),
                ('paid_comment', models.TextField(blank=True)),
                ('plain_language', models.CharField(blank=True, choices=[('yes', 'Yes'), ('partly', 'Partly'), ('no', 'No'), ('unsure', 'Not sure')], max_length=10, verbose_name='Is the language plain?')),
                ('plain_language_comment', models.TextField(blank=True)),
                ('missing', models.TextField(blank=True, verbose_name='What is missing?')),
                ('their_questions', models.TextField(blank=True, verbose_name='Answers to the researcher’s questions')),
                ('minutes', models.PositiveIntegerField(blank=True, null=True)),
                ('submitted_at', models.DateTimeField(blank=True, null=True)),
                ('reminded_at', models.DateTimeField(blank=True, null=True)),
                ('entry', models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='review', to='projects.involvemententry')),
                ('reviewer', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='reviews', to=settings.AUTH_USER_MODEL)),
                ('request', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='reviews', to='reviews.reviewrequest')),
            ],
            options={
                'ordering': ['signed_up_at', 'id'],
                'constraints': [models.UniqueConstraint(condition=models.Q(('reviewer__isnull', False)), fields=('request', 'reviewer'), name='reviews_one_review_per_person'), models.CheckConstraint(condition=models.Q(('submitted_at__isnull', True), models.Q(('minutes__gt', 0), ('minutes__lte', 1440)), _connector='OR'), name='reviews_submitted_review_has_time')],
            },
        ),
        migrations.AddField(
            model_name='response',
            name='request',
            field=models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='response', to='reviews.reviewrequest'),
        ),
        migrations.CreateModel(
            name='ReportBack',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('what_changed', models.TextField(verbose_name='what you changed because of our response')),
                ('what_did_not_change', models.TextField(blank=True, verbose_name='what you did not change, and why')),
                ('reported_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('impact', models.CharField(blank=True, choices=[('major', 'Big changes to the plan'), ('some', 'Some changes'), ('none', 'No changes')], max_length=10, verbose_name='the impact of our review')),
                ('impact_notes', models.TextField(blank=True, verbose_name='notes on the impact')),
                ('impact_recorded_at', models.DateTimeField(blank=True, null=True)),
                ('impact_recorded_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('request', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='report_back', to='reviews.reviewrequest')),
            ],
        ),
        migrations.CreateModel(
            name='Document',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('file', models.FileField(max_length=200, upload_to=levelfield.reviews.models.document_path)),
                ('stored_name', models.CharField(editable=False, max_length=60)),
                ('original_name', models.CharField(max_length=200)),
                ('content_type', models.CharField(max_length=100)),
                ('size', models.PositiveIntegerField()),
                ('uploaded_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('request', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='documents', to='reviews.reviewrequest')),
            ],
            options={
                'ordering': ['uploaded_at', 'id'],
            },
        ),
        migrations.CreateModel(
            name='Agreement',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('version', models.PositiveIntegerField()),
                ('agreed_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('person', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('response', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='agreements', to='reviews.response')),
            ],
            options={
                'constraints': [models.UniqueConstraint(fields=('response', 'person'), name='reviews_one_agreement')],
            },
        ),
        migrations.AddConstraint(
            model_name='groupmembership',
            constraint=models.UniqueConstraint(fields=('group', 'person'), name='reviews_one_membership'),
        ),
    ]
