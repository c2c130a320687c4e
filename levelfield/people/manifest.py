"""What the people app adds to the whole: see levelfield/lib/manifests.py."""

from __future__ import annotations

from levelfield.lib.manifests import (
    AppManifest,
    Erasure,
    PersonField,
    demo_world_module,
    scale_module,
)
from levelfield.people.services import people_erase, people_export

MANIFEST = AppManifest(
    label="people",
    export=people_export,
    erase=people_erase,
    person_fields=(
        PersonField("account.EmailAddress.user", "email_addresses", Erasure.DELETE),
        PersonField("mfa.Authenticator.user", "two_step_verification", Erasure.DELETE),
        PersonField("people.Perspective.person", "perspectives", Erasure.DELETE),
        PersonField(
            "people.FormerDetail.person", "names_and_addresses_you_used_before", Erasure.DELETE
        ),
    ),
    demo=demo_world_module("levelfield.people.demo"),
    scale=scale_module("levelfield.people.scale"),
)
