"""What the notifications app adds to the whole: see levelfield/lib/manifests.py."""

from __future__ import annotations

from typing import Any

from levelfield.lib.manifests import (
    AppManifest,
    Erasure,
    ErasureContext,
    PersonField,
    export_rows,
    scale_module,
)
from levelfield.notifications.models import Notification, Preference
from levelfield.notifications.services import notifications_forget_addresses


def _export(person: Any) -> dict[str, list[dict]]:
    return {
        "notifications": export_rows(
            Notification.objects.filter(person=person),
            created="created",
            sent_to="email",
            kind="kind",
            subject="subject",
            text="text",
            link="link",
            status="status",
            sent="sent_at",
        ),
        "email_settings": export_rows(
            Preference.objects.filter(person=person), kind="kind", how_often="frequency"
        ),
    }


def _erase(context: ErasureContext) -> None:
    """The person's own notices and settings go with their account (on_delete=CASCADE);
    so do notices sent to their addresses before they had one. An address's request for
    no more email stays (Suppression): it is the person's own request not to be
    contacted, which must outlive their account. Notices to the people they worked with
    keep no name of theirs, in their words or their links (a story named after them)."""
    notifications_forget_addresses(addresses=context.addresses)
    context.forget(
        Notification.objects.filter(person_id__in=context.teammate_ids),
        ["subject", "text", "html", "link"],
    )


MANIFEST = AppManifest(
    label="notifications",
    export=_export,
    erase=_erase,
    person_fields=(
        PersonField("notifications.Notification.person", "notifications", Erasure.DELETE),
        PersonField("notifications.Preference.person", "email_settings", Erasure.DELETE),
    ),
    # A year of notices for everyone; links lead into the big project (projects' data).
    scale=scale_module("levelfield.notifications.scale"),
    scale_after=("projects",),
)
