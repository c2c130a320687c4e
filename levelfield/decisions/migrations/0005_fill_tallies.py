"""Fill the kept counts (`Tally`) of every decision made before they existed, from its
responses, as `services.tallies_rebuild` would. An open anonymous decision counts only
its voters: its sealed ballots are not opened here."""

from __future__ import annotations

from typing import Any

from django.db import migrations

from levelfield.decisions.counting import marks_count


def fill(apps: Any, schema_editor: Any) -> None:
    Decision = apps.get_model("decisions", "Decision")
    Response = apps.get_model("decisions", "Response")
    ResponseChange = apps.get_model("decisions", "ResponseChange")
    Voter = apps.get_model("decisions", "Voter")
    Tally = apps.get_model("decisions", "Tally")
    made = []
    for decision in Decision.objects.filter(tally__isnull=True).iterator():
        if decision.anonymous and decision.closed_at is None:
            voters = Voter.objects.filter(decision=decision).count()
            made.append(Tally(decision=decision, responses=voters))
            continue
        rows = list(Response.objects.filter(decision=decision).values_list("payload", "reason"))
        changes = 0
        if not decision.anonymous:
            changes = ResponseChange.objects.filter(response__decision=decision).count()
        made.append(
            Tally(
                decision=decision,
                responses=len(rows),
                counted=len(rows),
                marks=marks_count(decision.method, (payload for payload, _ in rows)),
                reasons=sum(1 for _, reason in rows if reason),
                changes=changes,
            )
        )
    Tally.objects.bulk_create(made, batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("decisions", "0004_tally")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
