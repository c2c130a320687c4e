"""What the people app adds to the whole: see levelfield/lib/manifests.py."""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from levelfield.lib.manifests import (
    AppManifest,
    Erasure,
    PersonField,
    Term,
    demo_world_module,
    scale_module,
)
from levelfield.people.services import people_erase, people_export

GLOSSARY = (
    Term(
        gettext_lazy("Perspective"),
        gettext_lazy(
            "What a person brings: lived experience of a condition, being a carer, being a young "
            "person, research or practice. It is recorded so a team can see whose voice is heard,"
            " never to rank people."
        ),
    ),
    Term(
        gettext_lazy("Lived experience"),
        gettext_lazy(
            "Knowledge that comes from living with a condition or using a service yourself, "
            "rather than from study or work."
        ),
    ),
    Term(
        gettext_lazy("Public contributor"),
        gettext_lazy(
            "A patient, carer or member of the public who takes part in research because of their"
            " own experience, not as part of their job."
        ),
    ),
    Term(
        gettext_lazy("Access needs"),
        gettext_lazy(
            "What you need to take part fully: step-free access, a hearing loop, large print, "
            "breaks, someone with you. Shared only with the organisers who need to know, and only"
            " if you agree."
        ),
    ),
)


MANIFEST = AppManifest(
    label="people",
    glossary=GLOSSARY,
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
