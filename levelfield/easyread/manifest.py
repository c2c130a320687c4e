"""What the easy-read app adds to the whole: see levelfield/lib/manifests.py."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from levelfield.easyread import personal
from levelfield.lib.manifests import AppManifest, Erasure, PersonField, Term, demo_module

MANIFEST = AppManifest(
    label="easyread",
    export=personal.export,
    erase=personal.erase,
    person_fields=(
        PersonField(
            "easyread.EasyReadVersion.written_by",
            "easy_read_you_wrote",
            Erasure.ANONYMISE,
            "the easy read stays for the people who read it, with no name of theirs",
        ),
    ),
    glossary=(
        Term(
            _("Easy read"),
            _(
                "A version of a page in short sentences, one idea at a time, with a picture "
                "beside each point and big text. It helps people with learning disabilities, "
                "and anyone who wants the main points quickly. Look for the “Easy read” link."
            ),
        ),
    ),
    demo=demo_module("levelfield.easyread.demo"),
    demo_after=("payments", "stories"),
)
