import django.db.models.deletion
import uuid
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('events', '0004_meetings_materials'),
        ('learning', '0001_initial'),
        ('people', '__first__'),
    ]

    operations = [
        migrations.CreateModel(
            name='Cohort',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('title', models.CharField(max_length=200)),
                ('starts_on', models.DateField()),
                ('ends_on', models.DateField()),
                ('evaluation_closed_at', models.DateTimeField(blank=True, null=True)),
                ('created_at', models.DateTimeField()),
                ('course', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='cohorts', to='learning.course')),
                ('created_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('facilitators', models.ManyToManyField(blank=True, related_name='cohorts_facilitated', to=settings.AUTH_USER_MODEL)),
                ('series', models.OneToOneField(blank=True, help_text="The cohort's dates, as repeating events.", null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='cohort', to='events.eventseries')),
            ],
            options={
                'ordering': ['-starts_on', '-pk'],
                'constraints': [models.CheckConstraint(condition=models.Q(('ends_on__gte', models.F('starts_on'))), name='learning_cohort_ends_after_it_starts')],
            },
        ),
        migrations.CreateModel(
            name='Assignment',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('title', models.CharField(max_length=200)),
                ('instructions', models.TextField(help_text='What to do. Markdown; sanitised when shown.')),
                ('due_on', models.DateField()),
                ('created_at', models.DateTimeField()),
                ('reminded_at', models.DateTimeField(blank=True, null=True)),
                ('created_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('cohort', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='assignments', to='learning.cohort')),
            ],
            options={
                'ordering': ['due_on', 'pk'],
            },
        ),
        migrations.CreateModel(
            name='CohortParticipant',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('joined_at', models.DateTimeField()),
                ('left_at', models.DateTimeField(blank=True, null=True)),
                ('evaluation_given', models.BooleanField(default=False)),
                ('sealed_evaluation', models.BinaryField(blank=True, null=True)),
                ('cohort', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='participants', to='learning.cohort')),
                ('person', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='cohort_places', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'constraints': [models.UniqueConstraint(fields=('cohort', 'person'), name='learning_one_place_per_cohort')],
            },
        ),
        migrations.CreateModel(
            name='EvaluationAnswer',
            fields=[
                ('id', models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False)),
                ('useful', models.PositiveSmallIntegerField()),
                ('heard', models.PositiveSmallIntegerField()),
                ('best', models.TextField(blank=True)),
                ('change', models.TextField(blank=True)),
                ('cohort', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='evaluation', to='learning.cohort')),
            ],
            options={
                'ordering': ['id'],
                'constraints': [models.CheckConstraint(condition=models.Q(('useful__gte', 1), ('useful__lte', 5)), name='learning_evaluation_useful_one_to_five'), models.CheckConstraint(condition=models.Q(('heard__gte', 1), ('heard__lte', 5)), name='learning_evaluation_heard_one_to_five')],
            },
        ),
        migrations.CreateModel(
            name='HandIn',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('text', models.TextField(blank=True)),
                ('file', models.FileField(blank=True, max_length=300, upload_to='learning/hand-ins/%Y/%m/')),
                ('file_name', models.CharField(blank=True, max_length=200)),
                ('file_type', models.CharField(blank=True, max_length=100)),
                ('handed_in_at', models.DateTimeField()),
                ('feedback', models.TextField(blank=True)),
                ('feedback_at', models.DateTimeField(blank=True, null=True)),
                ('assignment', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='hand_ins', to='learning.assignment')),
                ('feedback_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('person', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='hand_ins', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['handed_in_at', 'pk'],
                'constraints': [models.UniqueConstraint(fields=('assignment', 'person'), name='learning_one_hand_in_per_person'), models.CheckConstraint(condition=models.Q(models.Q(('text', ''), _negated=True), models.Q(('file', ''), _negated=True), _connector='OR'), name='learning_hand_in_has_something')],
            },
        ),
    ]
