"""What the translations app adds to the whole: see levelfield/lib/manifests.py."""

from __future__ import annotations

from levelfield.lib.manifests import (
    AppManifest,
    Erasure,
    PersonField,
    Term,
    demo_module,
    scale_module,
)
from levelfield.translations import personal

MANIFEST = AppManifest(
    label="translations",
    export=personal.export,
    erase=personal.erase,
    person_fields=(
        PersonField(
            "translations.Translation.translated_by",
            "translations_you_made",
            Erasure.ANONYMISE,
            "the translation stays for the people who read it, with no name of theirs",
        ),
    ),
    glossary=(
        Term(
            "Translation",
            "The words of a story, an event, an opportunity, a document, a decision or a "
            "check-in question in another language, "
            "written by a member who speaks it (never by a machine). The original is "
            "always a link away, and a translation made before the original changed says "
            "so.",
        ),
    ),
    demo=demo_module("levelfield.translations.demo"),
    demo_after=("stories", "opportunities", "documents", "events", "decisions", "reflection"),
    scale=scale_module("levelfield.translations.scale"),
    scale_after=("stories", "opportunities", "documents", "events", "decisions", "reflection"),
)
