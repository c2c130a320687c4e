import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('invitations', '0001_initial'),
        ('opportunities', '0002_topics'),
        ('people', '__first__'),
    ]

    operations = [
        migrations.CreateModel(
            name='ReachCount',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('stage', models.CharField(choices=[('interest', 'Expressed interest'), ('took_part', 'Took part')], max_length=20)),
                ('question', models.CharField(max_length=40)),
                ('answer', models.CharField(max_length=40)),
                ('count', models.PositiveIntegerField(default=0)),
            ],
        ),
        migrations.CreateModel(
            name='Selection',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('places', models.PositiveIntegerField()),
                ('seed', models.BigIntegerField()),
                ('first_time_share', models.PositiveIntegerField(default=0)),
                ('finished_at', models.DateTimeField(default=django.utils.timezone.now)),
            ],
            options={
                'constraints': [models.CheckConstraint(condition=models.Q(('places__gte', 1)), name='opportunities_selection_has_places')],
            },
        ),
        migrations.AddField(
            model_name='interest',
            name='invitation',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='invitations.invitation'),
        ),
        migrations.AddField(
            model_name='interest',
            name='keep_in_mind',
            field=models.BooleanField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name='interest',
            name='keep_in_mind_at',
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name='interest',
            name='outcome',
            field=models.CharField(blank=True, default='', max_length=20),
        ),
        migrations.AddField(
            model_name='interest',
            name='outcome_reason',
            field=models.TextField(blank=True),
        ),
        migrations.AddField(
            model_name='interest',
            name='told_at',
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name='interest',
            name='took_part_answered',
            field=models.BooleanField(default=False),
        ),
        migrations.AddConstraint(
            model_name='interest',
            constraint=models.UniqueConstraint(fields=('opportunity', 'email'), name='opportunities_one_interest_per_email'),
        ),
        migrations.AddConstraint(
            model_name='interest',
            constraint=models.CheckConstraint(condition=models.Q(('outcome__in', ['', 'chosen', 'not_chosen'])), name='opportunities_interest_known_outcome'),
        ),
        migrations.AddConstraint(
            model_name='interest',
            constraint=models.CheckConstraint(condition=models.Q(('keep_in_mind__isnull', True), ('outcome', 'not_chosen'), _connector='OR'), name='opportunities_keep_in_mind_only_if_not_chosen'),
        ),
        migrations.AddField(
            model_name='reachcount',
            name='opportunity',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='opportunities.opportunity'),
        ),
        migrations.AddField(
            model_name='selection',
            name='finished_by',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='selection',
            name='opportunity',
            field=models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='selection', to='opportunities.opportunity'),
        ),
        migrations.AddConstraint(
            model_name='reachcount',
            constraint=models.UniqueConstraint(fields=('opportunity', 'stage', 'question', 'answer'), name='opportunities_one_reach_count_per_answer'),
        ),
    ]
