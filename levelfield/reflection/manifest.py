"""What the reflection app adds to the whole: see levelfield/lib/manifests.py."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy

from levelfield.lib.manifests import (
    AppManifest,
    Erasure,
    NavigationEntry,
    PersonField,
    Term,
    demo_module,
    scale_module,
)
from levelfield.reflection import personal

GLOSSARY = (
    Term(
        gettext_lazy("Check-in"),
        gettext_lazy(
            "A short, private set of questions asking how well the team is living up to "
            "co-production: are people heard, is power shared? Answers are shown only as totals, "
            "from five answers up."
        ),
    ),
    Term(
        gettext_lazy("Perception gap"),
        gettext_lazy(
            "The difference between how public contributors and professionals answer the same "
            "check-in question. A big gap is worth talking about."
        ),
    ),
)


MANIFEST = AppManifest(
    label="reflection",
    glossary=GLOSSARY,
    export=personal.export,
    erase=personal.erase,
    needs=personal.needs,
    person_fields=(
        PersonField(
            "reflection.QuestionSetVersion.created_by",
            "question_sets_you_changed",
            Erasure.ANONYMISE,
        ),
        PersonField(
            "reflection.CheckInRound.created_by", "check_ins_you_started", Erasure.ANONYMISE
        ),
        PersonField(
            "reflection.Respondent.person",
            "check_ins_you_answered",
            Erasure.DELETE,
            "answers already unlinked at closing stay, as everyone's do",
        ),
        PersonField(
            "reflection.Action.recorded_by", "check_in_actions_you_recorded", Erasure.ANONYMISE
        ),
    ),
    demo=demo_module("levelfield.reflection.demo"),
    scale=scale_module("levelfield.reflection.scale"),
    scale_after=("projects",),
    demo_after=("projects", "places"),
    navigation=(
        NavigationEntry(
            label=gettext_lazy("Check-ins: how equally are we working?"),
            section="check",
            url=lambda place: reverse("reflection:place_rounds", args=[place.pk]),
            hint=gettext_lazy(
                "Anonymous rounds of questions, with results once enough people answer"
            ),
            order=10,
        ),
        NavigationEntry(
            label=gettext_lazy("Evidence from the record"),
            section="check",
            url=lambda place: reverse("reflection:place_evidence", args=[place.pk]),
            kinds=frozenset({"project"}),
            hint=gettext_lazy("Was it really co-produced? What the project's own records show"),
            order=20,
        ),
    ),
)
