"""What the reflection app adds to the whole: see levelfield/lib/manifests.py."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext_lazy

from levelfield.lib.manifests import (
    AppManifest,
    Erasure,
    NavigationEntry,
    PersonField,
    Term,
    Translatable,
    demo_module,
    scale_module,
)
from levelfield.reflection import personal
from levelfield.reflection.models import Question

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


def _collectives_of(person: Any) -> Any:
    """The ids of the collectives where `person` may add check-in questions (every
    member may), as a subquery."""
    from levelfield.collectives.roles import Action, collectives_where

    return collectives_where(person, Action.ADD_CHECKIN_QUESTIONS)


def question_to_translate(person: Any, pk: int) -> Question:
    """A check-in question, for a member of a collective that may ask it: Levelfield's own
    questions (every collective may) and a collective's own (its members). 404 otherwise."""
    if not getattr(person, "is_authenticated", False):
        raise Http404("No such question.")
    usable = Q(version__question_set__collective__isnull=True) | Q(
        version__question_set__collective__in=_collectives_of(person)
    )
    return get_object_or_404(
        Question.objects.filter(usable).select_related("version__question_set"), pk=pk
    )


def may_translate_question(person: Any, question: Question) -> bool:
    """A collective's own questions: its members (who may add questions to them).
    Levelfield's own questions are the same rows in every collective, so their
    translations are shared too (with the translator's name beside them): any member of
    a collective may add one, as any member may add questions. One query."""
    collective_id = question.version.question_set.collective_id
    found = _collectives_of(person)
    if collective_id is not None:
        found = found.filter(place__collective_id=collective_id)
    return found.exists()


TRANSLATABLE = (
    Translatable(
        model="reflection.Question",
        fields=("theme", "text", "easy_read_text"),
        label=gettext_lazy("check-in question"),
        find=question_to_translate,
        may_translate=may_translate_question,
    ),
)


MANIFEST = AppManifest(
    label="reflection",
    translatable=TRANSLATABLE,
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
