import django.db.models.deletion
import django.utils.timezone
import levelfield.documents.models
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
            name='Paragraph',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('position', models.PositiveIntegerField()),
                ('lineage', models.PositiveIntegerField(help_text='The same number in every version for the same paragraph.')),
                ('kind', models.CharField(choices=[('heading', 'Section heading'), ('paragraph', 'Paragraph')], max_length=10)),
                ('section', models.CharField(blank=True, max_length=300)),
                ('text', models.TextField()),
                ('html', models.TextField()),
            ],
            options={
                'ordering': ['version', 'position'],
                'indexes': [models.Index(fields=['lineage'], name='documents_p_lineage_52cc94_idx')],
            },
        ),
        migrations.CreateModel(
            name='Document',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('title', models.CharField(max_length=200)),
                ('purpose', models.TextField(help_text='What the document is for and what kind of comments would help, in plain English.')),
                ('who_may_take_part', models.CharField(choices=[('members', 'Members only'), ('link', 'Anyone with the link, once they have signed in')], default='members', max_length=10, verbose_name='who may take part')),
                ('opens_on', models.DateField(verbose_name='open for comments from')),
                ('closes_on', models.DateField(verbose_name='open for comments until')),
                ('link_token', models.CharField(default=levelfield.documents.models._new_token, max_length=40, unique=True)),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('adopted_at', models.DateTimeField(blank=True, null=True)),
                ('adoption_decision', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='decisions.decision')),
                ('collective', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='documents', to='collectives.collective')),
                ('created_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('project', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='documents', to='projects.project')),
            ],
            options={
                'ordering': ['-created_at', '-id'],
                'constraints': [models.CheckConstraint(condition=models.Q(models.Q(('collective__isnull', False), ('project__isnull', True)), models.Q(('collective__isnull', True), ('project__isnull', False)), _connector='OR'), name='documents_in_project_or_collective')],
            },
        ),
        migrations.CreateModel(
            name='Comment',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('lineage', models.PositiveIntegerField()),
                ('text', models.TextField(max_length=5000)),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('support_count', models.PositiveIntegerField(default=0)),
                ('hidden_at', models.DateTimeField(blank=True, null=True)),
                ('hidden_reason', models.CharField(blank=True, max_length=500)),
                ('author', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='document_comments', to=settings.AUTH_USER_MODEL)),
                ('hidden_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('reply_to', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='replies', to='documents.comment')),
                ('document', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='comments', to='documents.document')),
                ('paragraph', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='comments', to='documents.paragraph')),
            ],
            options={
                'ordering': ['created_at', 'id'],
                'indexes': [models.Index(fields=['document', 'lineage'], name='documents_c_documen_503532_idx')],
                'constraints': [models.CheckConstraint(condition=models.Q(('hidden_at__isnull', True), models.Q(('hidden_reason', ''), _negated=True), _connector='OR'), name='documents_hidden_comment_has_reason')],
            },
        ),
        migrations.CreateModel(
            name='Question',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('position', models.PositiveIntegerField()),
                ('text', models.CharField(max_length=500)),
                ('document', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='questions', to='documents.document')),
            ],
            options={
                'ordering': ['document', 'position'],
                'constraints': [models.UniqueConstraint(fields=('document', 'position'), name='documents_question_position_unique')],
            },
        ),
        migrations.CreateModel(
            name='Answer',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('text', models.TextField()),
                ('answered_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('person', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='document_answers', to=settings.AUTH_USER_MODEL)),
                ('question', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='answers', to='documents.question')),
            ],
            options={
                'ordering': ['question', 'answered_at', 'id'],
                'constraints': [models.UniqueConstraint(fields=('question', 'person'), name='documents_one_answer')],
            },
        ),
        migrations.CreateModel(
            name='Reader',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('joined_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('document', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='readers', to='documents.document')),
                ('person', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='documents_read', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'constraints': [models.UniqueConstraint(fields=('document', 'person'), name='documents_one_reader')],
            },
        ),
        migrations.CreateModel(
            name='Support',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('comment', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='supports', to='documents.comment')),
                ('person', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'constraints': [models.UniqueConstraint(fields=('comment', 'person'), name='documents_one_support')],
            },
        ),
        migrations.CreateModel(
            name='Version',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('number', models.PositiveIntegerField()),
                ('text', models.TextField(help_text='The whole text in Markdown, exactly as published.')),
                ('note', models.TextField(blank=True, verbose_name='what changed')),
                ('published_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('document', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='versions', to='documents.document')),
                ('published_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['document', 'number'],
                'constraints': [models.UniqueConstraint(fields=('document', 'number'), name='documents_version_number_unique'), models.CheckConstraint(condition=models.Q(('number__gte', 1)), name='documents_version_from_1')],
            },
        ),
        migrations.AddField(
            model_name='paragraph',
            name='version',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='paragraphs', to='documents.version'),
        ),
        migrations.AddField(
            model_name='document',
            name='adoption_version',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='documents.version'),
        ),
        migrations.CreateModel(
            name='Amendment',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('lineage', models.PositiveIntegerField()),
                ('base_text', models.TextField(help_text="The paragraph's text it was made against.")),
                ('text', models.TextField(verbose_name='proposed text')),
                ('reason', models.TextField()),
                ('proposed_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('status', models.CharField(choices=[('open', 'Waiting for an answer'), ('accepted', 'Accepted'), ('declined', 'Declined')], default='open', max_length=10)),
                ('answered_at', models.DateTimeField(blank=True, null=True)),
                ('answer_reason', models.TextField(blank=True, verbose_name='reason for the answer')),
                ('answered_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('proposed_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='document_amendments', to=settings.AUTH_USER_MODEL)),
                ('document', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='amendments', to='documents.document')),
                ('paragraph', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='amendments', to='documents.paragraph')),
                ('published_in', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='documents.version')),
            ],
            options={
                'ordering': ['proposed_at', 'id'],
                'indexes': [models.Index(fields=['document', 'lineage'], name='documents_a_documen_01c679_idx')],
                'constraints': [models.UniqueConstraint(condition=models.Q(('published_in__isnull', True), ('status', 'accepted')), fields=('document', 'lineage'), name='documents_one_accepted_amendment_waiting'), models.CheckConstraint(condition=models.Q(('status', 'open'), models.Q(('answered_at__isnull', False), models.Q(('answer_reason', ''), _negated=True)), _connector='OR'), name='documents_answer_has_reason'), models.CheckConstraint(condition=models.Q(('published_in__isnull', True), ('status', 'accepted'), _connector='OR'), name='documents_only_accepted_published')],
            },
        ),
        migrations.CreateModel(
            name='CommentReport',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('reason', models.CharField(max_length=500)),
                ('reported_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('dealt_with_at', models.DateTimeField(blank=True, null=True)),
                ('comment', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='reports', to='documents.comment')),
                ('reported_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['reported_at', 'id'],
                'constraints': [models.UniqueConstraint(fields=('comment', 'reported_by'), name='documents_one_report_each')],
            },
        ),
        migrations.CreateModel(
            name='Author',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('since', models.DateTimeField(default=django.utils.timezone.now)),
                ('person', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='documents_authored', to=settings.AUTH_USER_MODEL)),
                ('document', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='authors', to='documents.document')),
            ],
            options={
                'ordering': ['since', 'id'],
                'constraints': [models.UniqueConstraint(fields=('document', 'person'), name='documents_one_pen_each')],
            },
        ),
        migrations.AddConstraint(
            model_name='paragraph',
            constraint=models.UniqueConstraint(fields=('version', 'position'), name='documents_paragraph_position_unique'),
        ),
        migrations.AddConstraint(
            model_name='paragraph',
            constraint=models.UniqueConstraint(fields=('version', 'lineage'), name='documents_paragraph_lineage_unique'),
        ),
        migrations.AddConstraint(
            model_name='document',
            constraint=models.CheckConstraint(condition=models.Q(('closes_on__gte', models.F('opens_on'))), name='documents_closes_after_opening'),
        ),
        migrations.AddConstraint(
            model_name='document',
            constraint=models.CheckConstraint(condition=models.Q(('adopted_at__isnull', True), ('adoption_version__isnull', False), _connector='OR'), name='documents_adopted_names_its_version'),
        ),
    ]
