"""What the invitations app adds to the whole: see levelfield/lib/manifests.py."""

from __future__ import annotations

from typing import Any

from levelfield.invitations.models import Invitation
from levelfield.lib.manifests import AppManifest, Erasure, ErasureContext, PersonField, export_rows
from levelfield.people.services import email_is_one_of


def _export(person: Any) -> dict[str, list[dict]]:
    return {
        "invitations_sent": export_rows(
            Invitation.objects.filter(invited_by=person),
            collective="place__collective__name",
            project="place__project__title",
            sent_to="email",
            message="message",
            created="created_at",
            expires="expires_at",
            times_used="times_used",
        ),
        "invitations_you_accepted": export_rows(
            Invitation.objects.filter(accepted_by=person),
            collective="place__collective__name",
            project="place__project__title",
            accepted="accepted_at",
        ),
    }


def _erase(context: ErasureContext) -> None:
    """Invitations sent to the person's addresses go; those they sent stay (a place's
    record of who was asked) with no name of theirs in the message."""
    Invitation.objects.filter(email_is_one_of(context.addresses)).delete()
    context.forget(Invitation.objects.filter(invited_by=context.person), ["message"])
    context.forget(
        Invitation.objects.filter(context.places("place__project", "place__collective")),
        ["message"],
    )


MANIFEST = AppManifest(
    label="invitations",
    export=_export,
    erase=_erase,
    person_fields=(
        PersonField("invitations.Invitation.invited_by", "invitations_sent", Erasure.ANONYMISE),
        PersonField(
            "invitations.Invitation.accepted_by", "invitations_you_accepted", Erasure.ANONYMISE
        ),
    ),
)
