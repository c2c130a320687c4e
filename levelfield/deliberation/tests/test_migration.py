"""An installation that imported Pol.is exports before the ids had their own column
keeps each imported voter's Pol.is id (it was in their name)."""

from __future__ import annotations

from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from levelfield.lib.testing.marks import DATA_MIGRATION

pytestmark = DATA_MIGRATION

BEFORE = [("deliberation", "0002_draft_adopted_at")]
AFTER = [("deliberation", "0003_polis_ids")]


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


PLACES_BEFORE = [("deliberation", "0004_polis_import"), ("places", "0002_groups")]
PLACES_AFTER = [("deliberation", "0005_place")]


def test_existing_conversations_move_to_their_places_and_back() -> None:
    """A project's conversation moves to the project's place and a collective's to the
    collective's own place, with their statements and reactions; going back puts them
    where they were."""
    executor = MigrationExecutor(connection)
    executor.migrate(PLACES_BEFORE)
    old = executor.loader.project_state(PLACES_BEFORE).apps
    user = old.get_model("people", "User").objects.create(
        email="mo@example.org", display_name="Mo"
    )
    collective = old.get_model("collectives", "Collective").objects.create(
        name="Riverside", slug="riverside", created_by=user
    )
    project = old.get_model("projects", "Project").objects.create(
        collective=collective, title="Stroke study", summary="A study.", created_by=user
    )
    OldPlace = old.get_model("places", "Place")
    OldPlace.objects.create(kind="collective", collective=collective)
    OldPlace.objects.create(kind="project", collective=collective, project=project)
    OldConversation = old.get_model("deliberation", "Conversation")
    in_project = OldConversation.objects.create(
        project=project, title="Data", prompt="How?", link_token="p"
    )
    in_collective = OldConversation.objects.create(
        collective=collective, title="Fairness", prompt="What is fair?", link_token="c"
    )
    participant = old.get_model("deliberation", "Participant").objects.create(
        conversation=in_project, person=user, name="Mo", token="a"
    )
    statement = old.get_model("deliberation", "Statement").objects.create(
        conversation=in_project,
        number=1,
        text="Ask first",
        text_key="ask first",
        created_at="2026-03-01T10:00:00Z",
    )
    old.get_model("deliberation", "Reaction").objects.create(
        participant=participant, statement=statement, vote=1, reacted_at="2026-03-01T10:00:00Z"
    )

    executor = MigrationExecutor(connection)
    executor.migrate(PLACES_AFTER)
    new = executor.loader.project_state(PLACES_AFTER).apps
    Conversation = new.get_model("deliberation", "Conversation")
    moved = Conversation.objects.get(pk=in_project.pk)
    assert (moved.place.kind, moved.place.project_id) == ("project", project.pk)
    assert moved.statements.get().reactions.get().vote == 1
    own = Conversation.objects.get(pk=in_collective.pk).place
    assert (own.kind, own.collective_id, own.project_id) == ("collective", collective.pk, None)
    assert new.get_model("places", "Place").objects.count() == 2  # none made twice

    executor = MigrationExecutor(connection)
    executor.migrate(PLACES_BEFORE)
    back = executor.loader.project_state(PLACES_BEFORE).apps.get_model(
        "deliberation", "Conversation"
    )
    assert back.objects.get(pk=in_project.pk).project_id == project.pk
    assert back.objects.get(pk=in_project.pk).collective_id is None
    assert back.objects.get(pk=in_collective.pk).collective_id == collective.pk
