"""The deliberation app's part of a person's data download and erasure (manifest.py)."""

from __future__ import annotations

from typing import Any

from levelfield.deliberation.models import (
    Conversation,
    Participant,
    PolisImport,
    Reaction,
    Statement,
)
from levelfield.lib.manifests import ErasureContext, export_rows


def export(person: Any) -> dict[str, list[dict]]:
    return {
        "conversations_you_started": export_rows(
            Conversation.objects.filter(created_by=person),
            conversation="title",
            prompt="prompt",
            created="created_at",
        ),
        "conversations_you_took_part_in": export_rows(
            Participant.objects.filter(person=person),
            conversation="conversation__title",
            name_shown="name",
            joined="joined_at",
        ),
        "statements_you_wrote": export_rows(
            Statement.objects.filter(author__person=person),
            conversation="conversation__title",
            statement="text",
            status="status",
            written="created_at",
        ),
        "reactions_to_statements": export_rows(
            Reaction.objects.filter(participant__person=person),
            conversation="statement__conversation__title",
            statement="statement__text",
            vote="vote",
            reacted="reacted_at",
        ),
        "pol_is_imports_you_started": export_rows(
            PolisImport.objects.filter(requested_by=person),
            conversation="conversation__title",
            asked="requested_at",
            state="state",
        ),
    }


def erase(context: ErasureContext) -> None:
    """Statements and reactions stay, so the conversation's groups and consensus do not
    change, from a participant with no person and no name."""
    Participant.objects.filter(person=context.person).update(person=None, name="")
    PolisImport.objects.filter(requested_by=context.person).update(requested_by=None)
    conversations = Conversation.objects.filter(
        context.places(project="place__project", collective="place__collective")
    )
    context.forget(conversations, ["title", "prompt"])
    context.forget(Statement.objects.filter(conversation__in=conversations), ["text"])
    context.forget(Participant.objects.filter(conversation__in=conversations), ["name"])
