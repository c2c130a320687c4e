"""What the history app adds to the whole: see levelfield/lib/manifests.py."""

from __future__ import annotations

from levelfield.history.models import Change
from levelfield.history.services import history_forget
from levelfield.lib.manifests import AppManifest, Erasure, ErasureContext, PersonField, export_rows


def _export(person: object) -> dict[str, list[dict]]:
    return {
        "changes_you_made": export_rows(
            Change.objects.filter(actor=person),
            when="at",
            collective="collective__name",
            project="project__title",
            action="action",
            summary="summary",
            before="before",
            after="after",
        )
    }


def _erase(context: ErasureContext) -> None:
    """The record of what changed stays; who made it and their names in it go."""
    if context.pattern is not None:
        history_forget(
            pattern=context.pattern,
            addresses=context.addresses,
            actor=context.person,
            project_ids=context.project_ids,
            collective_ids=context.collective_ids,
        )


MANIFEST = AppManifest(
    label="history",
    export=_export,
    erase=_erase,
    person_fields=(PersonField("history.Change.actor", "changes_you_made", Erasure.ANONYMISE),),
)
