"""An installation that imported Pol.is exports before the ids had their own column
keeps each imported voter's Pol.is id (it was in their name)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("deliberation", "0002_draft_adopted_at")]
AFTER = [("deliberation", "0003_polis_ids")]


@pytest.mark.django_db(transaction=True)
def test_imported_voters_keep_their_pol_is_ids() -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    user = old.get_model("people", "User").objects.create(
        email="mo@example.org", display_name="Mo"
    )
    collective = old.get_model("collectives", "Collective").objects.create(
        name="Riverside", slug="riverside", created_by=user
    )
    conversation = old.get_model("deliberation", "Conversation").objects.create(
        collective=collective, title="Data", prompt="How?", link_token="t"
    )
    Participant = old.get_model("deliberation", "Participant")
    imported = Participant.objects.create(
        conversation=conversation, name="Imported voter 12", token="a"
    )
    visitor = Participant.objects.create(
        conversation=conversation, name="Imported voter twelve", token="b"
    )
    member = Participant.objects.create(
        conversation=conversation, name="Imported voter 3", person=user, token="c"
    )

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps
    ids = dict(new.get_model("deliberation", "Participant").objects.values_list("pk", "polis_id"))

    assert ids == {imported.pk: 12, visitor.pk: None, member.pk: None}

    # Leave the database as the other tests expect it.
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
