import django.db.models.deletion
import django.db.models.functions.text
import django.utils.timezone
import levelfield.people.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('auth', '0012_alter_user_first_name_max_length'),
    ]

    operations = [
        migrations.CreateModel(
            name='User',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('password', models.CharField(max_length=128, verbose_name='password')),
                ('last_login', models.DateTimeField(blank=True, null=True, verbose_name='last login')),
                ('is_superuser', models.BooleanField(default=False, help_text='Designates that this user has all permissions without explicitly assigning them.', verbose_name='superuser status')),
                ('email', models.EmailField(max_length=254, unique=True, verbose_name='email address')),
                ('display_name', models.CharField(blank=True, help_text='Shown to people in your collectives and projects.', max_length=80, verbose_name='name you want to be called')),
                ('is_active', models.BooleanField(default=True)),
                ('is_staff', models.BooleanField(default=False)),
                ('date_joined', models.DateTimeField(default=django.utils.timezone.now)),
                ('skills', models.TextField(blank=True, help_text='For example: chairing meetings, writing plain English, knowing the local area.', verbose_name='skills and experience you bring')),
                ('interests', models.TextField(blank=True, help_text='For example: dementia, mental health, young carers.', verbose_name='topics you care about')),
                ('perspectives_visibility', models.CharField(choices=[('only_me', 'Only me'), ('my_teams', 'People in my collectives and projects')], default='only_me', max_length=20)),
                ('skills_visibility', models.CharField(choices=[('only_me', 'Only me'), ('my_teams', 'People in my collectives and projects')], default='my_teams', max_length=20)),
                ('access_needs', models.TextField(blank=True, help_text='For example: step-free access, a hearing loop, breaks every hour, papers a week early.', verbose_name='access needs')),
                ('communication_preferences', models.JSONField(blank=True, default=list)),
                ('phone', models.CharField(blank=True, max_length=40, verbose_name='phone number')),
                ('payment_preference', models.CharField(choices=[('not_said', 'I have not decided'), ('paid', 'Paid for my time'), ('voucher', 'A voucher instead of money'), ('decline', 'I do not want to be paid')], default='not_said', max_length=20)),
                ('health_data_consent_at', models.DateTimeField(blank=True, help_text='When the person agreed that Levelfield may keep health-related details (lived experience, access needs).', null=True)),
                ('groups', models.ManyToManyField(blank=True, help_text='The groups this user belongs to. A user will get all permissions granted to each of their groups.', related_name='user_set', related_query_name='user', to='auth.group', verbose_name='groups')),
                ('user_permissions', models.ManyToManyField(blank=True, help_text='Specific permissions for this user.', related_name='user_set', related_query_name='user', to='auth.permission', verbose_name='user permissions')),
            ],
            options={
                'ordering': ['display_name', 'email'],
                'constraints': [models.CheckConstraint(condition=models.Q(('email', django.db.models.functions.text.Lower('email'))), name='people_user_email_lowercase')],
            },
            managers=[
                ('objects', levelfield.people.models.UserManager()),
            ],
        ),
        migrations.CreateModel(
            name='Perspective',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('lived_experience', 'Lived experience of a condition'), ('carer', 'Carer'), ('young_person', 'Young person'), ('researcher', 'Researcher'), ('practitioner', 'Practitioner or clinician'), ('other', 'Other')], max_length=30)),
                ('in_own_words', models.CharField(blank=True, help_text="Optional detail in the person's own words; required for 'Other'.", max_length=200)),
                ('person', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='perspectives', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['kind'],
                'constraints': [models.UniqueConstraint(fields=('person', 'kind'), name='people_one_perspective_kind'), models.CheckConstraint(condition=models.Q(models.Q(('kind', 'other'), _negated=True), models.Q(('in_own_words', ''), _negated=True), _connector='OR'), name='people_other_perspective_described')],
            },
        ),
    ]
