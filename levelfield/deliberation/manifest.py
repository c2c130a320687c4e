"""What the deliberation app adds to the whole: see levelfield/lib/manifests.py."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy

from levelfield.deliberation import personal
from levelfield.lib.manifests import (
    AppManifest,
    Erasure,
    NavigationEntry,
    PersonField,
    Term,
    demo_module,
    scale_module,
)

GLOSSARY = (
    Term(
        gettext_lazy("Conversation"),
        gettext_lazy(
            "A question where people write short statements and react to each other's: Agree, "
            "Disagree or Pass. It shows where people agree and where opinions differ, without "
            "anyone needing to speak up in a meeting."
        ),
    ),
    Term(
        gettext_lazy("Statement"),
        gettext_lazy("A short point someone makes in a conversation, for others to react to."),
    ),
    Term(
        gettext_lazy("Opinion group"),
        gettext_lazy(
            "People who reacted to statements in similar ways, found by counting, not by "
            "who they"
            " are."
        ),
    ),
    Term(
        gettext_lazy("Common ground"),
        gettext_lazy("Statements that most people in every opinion group agree with."),
    ),
    Term(
        gettext_lazy("Pol.is"),
        gettext_lazy(
            "A free tool for conversations like these. Levelfield can import a "
            "conversation run "
            "on Pol.is and export ours in its format."
        ),
    ),
)


MANIFEST = AppManifest(
    label="deliberation",
    glossary=GLOSSARY,
    export=personal.export,
    erase=personal.erase,
    person_fields=(
        PersonField(
            "deliberation.PolisImport.requested_by",
            "pol_is_imports_you_started",
            Erasure.ANONYMISE,
            "the import stays with the conversation",
        ),
        PersonField(
            "deliberation.Conversation.created_by", "conversations_you_started", Erasure.ANONYMISE
        ),
        PersonField(
            "deliberation.Participant.person",
            "conversations_you_took_part_in",
            Erasure.ANONYMISE,
            "statements and reactions stay, so the opinion groups do not change",
        ),
    ),
    demo=demo_module("levelfield.deliberation.demo"),
    demo_after=("places",),
    scale=scale_module("levelfield.deliberation.scale"),
    scale_after=("projects",),
    navigation=(
        NavigationEntry(
            gettext_lazy("Conversations: co-creating principles"),
            "decide",
            lambda place: reverse("deliberation:place_list", args=[place.pk]),
            hint=gettext_lazy(
                "Everyone writes statements and votes on others’, to find common ground."
            ),
            order=30,
        ),
    ),
)
