"""What the people app adds to the whole: see levelfield/lib/manifests.py."""

from __future__ import annotations

from levelfield.lib.manifests import AppManifest, scale_module

MANIFEST = AppManifest(
    label="people",
    person_fields=(
        "account.EmailAddress.user",
        "mfa.Authenticator.user",
        "people.Perspective.person",
        "people.FormerDetail.person",
    ),
    scale=scale_module("levelfield.people.scale"),
)
