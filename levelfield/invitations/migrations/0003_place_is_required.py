"""Every invitation now has its place; the collective and project keys go."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("invitations", "0002_invitations_to_places")]

    operations = [
        migrations.RemoveConstraint(
            model_name="invitation", name="invitations_for_one_collective_or_project"
        ),
        migrations.RemoveField(model_name="invitation", name="collective"),
        migrations.RemoveField(model_name="invitation", name="project"),
        migrations.AlterField(
            model_name="invitation",
            name="place",
            field=models.ForeignKey(
                help_text="The collective's or project's place the invitation is to.",
                on_delete=django.db.models.deletion.CASCADE,
                related_name="invitations",
                to="places.place",
            ),
        ),
    ]
