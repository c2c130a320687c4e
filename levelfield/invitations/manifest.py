"""What the invitations app adds to the whole: see levelfield/lib/manifests.py."""

from __future__ import annotations

from levelfield.lib.manifests import AppManifest

MANIFEST = AppManifest(
    label="invitations",
    person_fields=(
        "invitations.Invitation.invited_by",
        "invitations.Invitation.accepted_by",
    ),
)
