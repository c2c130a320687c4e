import django.db.models.deletion
import django.utils.timezone
import levelfield.easyread.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('people', '__first__'),
    ]

    operations = [
        migrations.CreateModel(
            name='EasyReadVersion',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('object_id', models.PositiveBigIntegerField()),
                ('title', models.CharField(blank=True, help_text="Leave it empty to keep the page's own title.", max_length=200, verbose_name='title in easy words')),
                ('source_digest', models.CharField(max_length=64)),
                ('written_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('content_type', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='contenttypes.contenttype')),
                ('written_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='easy_read_written', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['pk'],
                'constraints': [models.UniqueConstraint(fields=('content_type', 'object_id'), name='easyread_one_per_page')],
            },
        ),
        migrations.CreateModel(
            name='EasyReadPoint',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('position', models.PositiveSmallIntegerField()),
                ('text', models.CharField(max_length=300, verbose_name='words')),
                ('picture', models.CharField(blank=True, max_length=30, verbose_name='picture')),
                ('image', models.FileField(blank=True, max_length=200, upload_to=levelfield.easyread.models._point_picture_path)),
                ('alt', models.CharField(blank=True, help_text='For people who cannot see it.', max_length=200, verbose_name='what the picture shows')),
                ('version', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='points', to='easyread.easyreadversion')),
            ],
            options={
                'ordering': ['version', 'position'],
                'constraints': [models.UniqueConstraint(fields=('version', 'position'), name='easyread_point_position_unique'), models.CheckConstraint(condition=models.Q(('text', ''), _negated=True), name='easyread_point_has_words'), models.CheckConstraint(condition=models.Q(('picture', ''), ('image', ''), _connector='OR'), name='easyread_point_one_picture'), models.CheckConstraint(condition=models.Q(models.Q(('picture', ''), ('image', '')), models.Q(('alt', ''), _negated=True), _connector='OR'), name='easyread_point_picture_has_alt')],
            },
        ),
    ]
