"""An index for a project's list of open tasks in stage order (Task.Meta)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("tasks", "0001_initial"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="task",
            index=models.Index(
                models.F("place"),
                models.Case(
                    models.When(stage="identifying", then=models.Value(0)),
                    models.When(stage="design", then=models.Value(1)),
                    models.When(stage="funding", then=models.Value(2)),
                    models.When(stage="ethics", then=models.Value(3)),
                    models.When(stage="doing", then=models.Value(4)),
                    models.When(stage="analysis", then=models.Value(5)),
                    models.When(stage="dissemination", then=models.Value(6)),
                    models.When(stage="implementation", then=models.Value(7)),
                    models.When(stage="evaluation", then=models.Value(8)),
                    default=models.Value(9),
                    output_field=models.IntegerField(),
                ),
                models.F("due_on"),
                models.F("id"),
                condition=models.Q(("status__in", ("todo", "doing"))),
                name="tasks_place_open_stage_due",
            ),
        ),
    ]
