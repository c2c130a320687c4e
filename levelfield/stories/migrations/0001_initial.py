import django.db.models.deletion
import django.utils.timezone
import levelfield.stories.models
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
            name='PublicPage',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('welcome', models.TextField(blank=True, help_text='A few sentences at the top of the public page. You can use Markdown.', verbose_name='welcome')),
                ('about_coproduction', models.TextField(blank=True, help_text='What co-production means here, in plain English. You can use Markdown.', verbose_name='about co-production')),
                ('get_involved', models.TextField(blank=True, help_text='What people can do, how much time it takes, whether it is paid. You can use Markdown.', verbose_name='how to get involved')),
                ('contact_email', models.EmailField(blank=True, max_length=254, verbose_name='contact email address')),
                ('contact_phone', models.CharField(blank=True, max_length=40, verbose_name='contact phone number')),
                ('contact_address', models.TextField(blank=True, verbose_name='postal address')),
                ('comments_held', models.BooleanField(default=True, help_text='If not, comments appear straight away and moderators deal with reports.', verbose_name='hold comments until a moderator publishes them')),
                ('version', models.PositiveIntegerField(default=1)),
                ('updated_at', models.DateTimeField(auto_now=True)),
                ('collective', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='public_page', to='collectives.collective')),
                ('editors', models.ManyToManyField(blank=True, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='editors')),
            ],
        ),
        migrations.CreateModel(
            name='Story',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('story', 'A story'), ('update', 'A monthly update'), ('news', 'News')], default='story', max_length=20)),
                ('title', models.CharField(max_length=200)),
                ('slug', models.SlugField(max_length=220)),
                ('summary', models.CharField(help_text='One or two sentences, shown in lists and when the story is shared.', max_length=300)),
                ('body', models.TextField(help_text='You can use Markdown.', verbose_name='the story')),
                ('co_written_with', models.CharField(blank=True, help_text='Names of people without an account here, as they want to be credited.', max_length=200, verbose_name='also co-written with')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('updated_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('submitted_at', models.DateTimeField(blank=True, null=True)),
                ('published_at', models.DateTimeField(blank=True, null=True)),
                ('comment_count', models.PositiveIntegerField(default=0)),
                ('author', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='stories_written', to=settings.AUTH_USER_MODEL)),
                ('co_authors', models.ManyToManyField(blank=True, related_name='stories_co_written', to=settings.AUTH_USER_MODEL)),
                ('collective', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='stories', to='collectives.collective')),
                ('published_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name_plural': 'stories',
                'ordering': ['-published_at', '-pk'],
                'indexes': [models.Index(fields=['collective', 'published_at'], name='stories_sto_collect_f0fc15_idx')],
                'constraints': [models.UniqueConstraint(fields=('collective', 'slug'), name='stories_one_slug'), models.CheckConstraint(condition=models.Q(('published_at__isnull', True), ('submitted_at__isnull', True), _connector='OR'), name='stories_published_not_waiting')],
            },
        ),
        migrations.CreateModel(
            name='Comment',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('text', models.TextField(max_length=2000)),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('published_at', models.DateTimeField(blank=True, null=True)),
                ('hidden_at', models.DateTimeField(blank=True, null=True)),
                ('hidden_reason', models.CharField(blank=True, max_length=500)),
                ('author', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='story_comments', to=settings.AUTH_USER_MODEL)),
                ('hidden_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('story', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='comments', to='stories.story')),
            ],
            options={
                'ordering': ['created_at', 'pk'],
                'indexes': [models.Index(fields=['story', 'created_at'], name='stories_com_story_i_8bb17a_idx')],
                'constraints': [models.CheckConstraint(condition=models.Q(('hidden_at__isnull', True), models.Q(('hidden_reason', ''), _negated=True), _connector='OR'), name='stories_hidden_comment_has_reason')],
            },
        ),
        migrations.CreateModel(
            name='StoryImage',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('file', models.FileField(max_length=200, upload_to=levelfield.stories.models._story_image_path)),
                ('content_type', models.CharField(max_length=40)),
                ('width', models.PositiveIntegerField()),
                ('height', models.PositiveIntegerField()),
                ('alt', models.CharField(help_text='What the picture shows, for people who cannot see it.', max_length=300, verbose_name='alt text')),
                ('caption', models.CharField(blank=True, max_length=300)),
                ('credit', models.CharField(help_text='Who took or made the picture.', max_length=200, verbose_name='photo credit')),
                ('position', models.PositiveSmallIntegerField(default=0)),
                ('added_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('added_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('story', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='images', to='stories.story')),
            ],
            options={
                'ordering': ['position', 'pk'],
                'constraints': [models.CheckConstraint(condition=models.Q(('alt', ''), _negated=True), name='stories_image_has_alt'), models.CheckConstraint(condition=models.Q(('credit', ''), _negated=True), name='stories_image_has_credit')],
            },
        ),
        migrations.CreateModel(
            name='Tag',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=60)),
                ('slug', models.SlugField(max_length=70)),
                ('collective', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='story_tags', to='collectives.collective')),
            ],
            options={
                'ordering': ['name'],
                'constraints': [models.UniqueConstraint(fields=('collective', 'slug'), name='stories_one_tag_slug')],
            },
        ),
        migrations.AddField(
            model_name='story',
            name='tags',
            field=models.ManyToManyField(blank=True, related_name='stories', to='stories.tag'),
        ),
        migrations.CreateModel(
            name='CommentReport',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('reason', models.CharField(max_length=500)),
                ('reported_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('dealt_with_at', models.DateTimeField(blank=True, null=True)),
                ('comment', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='reports', to='stories.comment')),
                ('reported_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['reported_at', 'pk'],
                'constraints': [models.UniqueConstraint(fields=('comment', 'reported_by'), name='stories_one_report_each')],
            },
        ),
        migrations.CreateModel(
            name='Interest',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=120)),
                ('email', models.EmailField(max_length=254)),
                ('interests', models.TextField(max_length=2000, verbose_name='what interests you')),
                ('consent', models.BooleanField(default=False)),
                ('sender_hash', models.CharField(blank=True, max_length=64)),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('answered_at', models.DateTimeField(blank=True, null=True)),
                ('answer', models.TextField(blank=True)),
                ('answered_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('collective', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='interests', to='collectives.collective')),
            ],
            options={
                'ordering': ['-created_at', '-pk'],
                'indexes': [models.Index(fields=['email', 'created_at'], name='stories_int_email_668ecb_idx'), models.Index(fields=['sender_hash', 'created_at'], name='stories_int_sender__adf489_idx'), models.Index(fields=['collective', 'answered_at'], name='stories_int_collect_5b3e2a_idx')],
                'constraints': [models.CheckConstraint(condition=models.Q(('consent', True)), name='stories_interest_consented'), models.CheckConstraint(condition=models.Q(('answered_at__isnull', True), models.Q(('answer', ''), _negated=True), _connector='OR'), name='stories_answer_has_text')],
            },
        ),
    ]
