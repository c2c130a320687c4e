"""Background work for conversations, run by the task worker (`manage.py db_worker`)."""

from __future__ import annotations

from django_tasks import task

from levelfield.deliberation import services
from levelfield.deliberation.models import Conversation


@task()
def conversation_analyse_task(conversation_id: int) -> bool:
    """Analyse one conversation's reactions (debounced: see services.analysis_request).
    Idempotent: running it twice, or late, only recomputes the same result."""
    conversation = Conversation.objects.filter(pk=conversation_id).first()
    if conversation is None:
        return False
    services.analysis_run(conversation=conversation)
    return True


@task()
def polis_import_task(import_id: int) -> bool:
    """Import one Pol.is export the member uploaded (polis.polis_import_request).
    Idempotent: only a waiting import runs, once."""
    from levelfield.deliberation import polis

    return polis.polis_import_run(import_id=import_id) is not None
