import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('collectives', '0005_coordinator_job'),
        ('people', '__first__'),
    ]

    operations = [
        migrations.CreateModel(
            name='Circle',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=200)),
            ],
            options={
                'ordering': ['name', 'pk'],
            },
        ),
        migrations.CreateModel(
            name='CircleMembership',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('joined_at', models.DateTimeField()),
                ('circle', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='memberships', to='learning.circle')),
                ('person', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'constraints': [models.UniqueConstraint(fields=('circle', 'person'), name='learning_circle_member_once')],
            },
        ),
        migrations.AddField(
            model_name='circle',
            name='members',
            field=models.ManyToManyField(related_name='learning_circles', through='learning.CircleMembership', to=settings.AUTH_USER_MODEL),
        ),
        migrations.CreateModel(
            name='CircleSession',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('title', models.CharField(max_length=200)),
                ('held_on', models.DateField()),
                ('themes', models.TextField(blank=True)),
                ('themes_at', models.DateTimeField(blank=True, null=True)),
                ('circle', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='sessions', to='learning.circle')),
                ('themes_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['-held_on', '-pk'],
            },
        ),
        migrations.CreateModel(
            name='CirclePost',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('text', models.TextField()),
                ('posted_at', models.DateTimeField()),
                ('person', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('session', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='posts', to='learning.circlesession')),
            ],
            options={
                'ordering': ['posted_at', 'pk'],
                'constraints': [models.UniqueConstraint(fields=('session', 'person'), name='learning_one_post_per_session')],
            },
        ),
        migrations.CreateModel(
            name='Course',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('title', models.CharField(max_length=200)),
                ('summary', models.TextField(blank=True)),
                ('is_open', models.BooleanField(default=False)),
                ('created_at', models.DateTimeField()),
                ('collective', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='courses', to='collectives.collective')),
                ('created_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('facilitators', models.ManyToManyField(blank=True, related_name='courses_facilitated', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['title', 'pk'],
            },
        ),
        migrations.AddField(
            model_name='circle',
            name='course',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='circles', to='learning.course'),
        ),
        migrations.CreateModel(
            name='Enrolment',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('enrolled_at', models.DateTimeField()),
                ('completed_at', models.DateTimeField(blank=True, null=True)),
                ('course', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='enrolments', to='learning.course')),
                ('person', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='enrolments', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'constraints': [models.UniqueConstraint(fields=('course', 'person'), name='learning_one_enrolment_per_person'), models.CheckConstraint(condition=models.Q(('completed_at__isnull', True), ('completed_at__gte', models.F('enrolled_at')), _connector='OR'), name='learning_completed_after_enrolled')],
            },
        ),
        migrations.CreateModel(
            name='Module',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('position', models.PositiveIntegerField()),
                ('title', models.CharField(max_length=200)),
                ('introduction', models.TextField(blank=True)),
                ('question', models.TextField(blank=True)),
                ('live_session_title', models.CharField(blank=True, max_length=200)),
                ('live_session_url', models.URLField(blank=True)),
                ('live_session_starts_at', models.DateTimeField(blank=True, null=True)),
                ('course', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='modules', to='learning.course')),
            ],
            options={
                'ordering': ['course', 'position', 'pk'],
                'constraints': [models.UniqueConstraint(fields=('course', 'position'), name='learning_module_position_unique')],
            },
        ),
        migrations.AddField(
            model_name='circlesession',
            name='module',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='learning.module'),
        ),
        migrations.CreateModel(
            name='Page',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('position', models.PositiveIntegerField()),
                ('title', models.CharField(max_length=200)),
                ('body', models.TextField(help_text='Markdown; sanitised when shown.')),
                ('video_url', models.URLField(blank=True)),
                ('video_has_captions', models.BooleanField(default=False)),
                ('transcript', models.TextField(blank=True)),
                ('module', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='pages', to='learning.module')),
            ],
            options={
                'ordering': ['module__position', 'position', 'pk'],
                'constraints': [models.UniqueConstraint(fields=('module', 'position'), name='learning_page_position_unique'), models.CheckConstraint(condition=models.Q(('video_url', ''), ('video_has_captions', True), _connector='OR'), name='learning_page_video_has_captions')],
            },
        ),
        migrations.CreateModel(
            name='PageDone',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('done_at', models.DateTimeField()),
                ('enrolment', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='pages_done', to='learning.enrolment')),
                ('page', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='learning.page')),
            ],
            options={
                'constraints': [models.UniqueConstraint(fields=('enrolment', 'page'), name='learning_page_done_once')],
            },
        ),
        migrations.CreateModel(
            name='Reflection',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('text', models.TextField()),
                ('shared_with_facilitators', models.BooleanField(default=False)),
                ('written_at', models.DateTimeField()),
                ('updated_at', models.DateTimeField()),
                ('enrolment', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='reflections', to='learning.enrolment')),
                ('module', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='reflections', to='learning.module')),
            ],
            options={
                'constraints': [models.UniqueConstraint(fields=('enrolment', 'module'), name='learning_one_reflection_per_module')],
            },
        ),
    ]
