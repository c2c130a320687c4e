"""What the decisions app adds to the whole: see levelfield/lib/manifests.py."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Count, Min, Q
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy

from levelfield.decisions import personal
from levelfield.decisions.access import decision_for_member
from levelfield.decisions.models import Decision, Option, Phase
from levelfield.lib.manifests import (
    AppManifest,
    Erasure,
    NavigationEntry,
    PersonField,
    Term,
    Translatable,
    demo_world_module,
    scale_module,
)


def _open_decisions(place: Any) -> int | None:
    """How many decisions are open for responses in the place now, in one query."""
    count = Decision.objects.in_place(place).in_phase(Phase.VOTING, timezone.now()).count()
    return count or None


def _open_decisions_and_change(
    place: Any, now: datetime.datetime
) -> tuple[int | None, datetime.datetime | None]:
    """The count of `_open_decisions` at `now` and when it next changes by time alone (the
    soonest a decision not closed opens or reaches its closing time), in one query."""
    found = (
        Decision.objects.in_place(place)
        .filter(closed_at=None)
        .aggregate(
            open=Count("pk", filter=Q(opens_at__lte=now, closes_at__gt=now)),
            opens=Min("opens_at", filter=Q(opens_at__gt=now)),
            closes=Min("closes_at", filter=Q(closes_at__gt=now)),
        )
    )
    changes = [time for time in (found["opens"], found["closes"]) if time is not None]
    return found["open"] or None, min(changes, default=None)


GLOSSARY = (
    Term(
        gettext_lazy("Proposal"),
        gettext_lazy(
            "A way of deciding where everyone says Agree, Abstain, Disagree or Block to one "
            "suggestion, with their reasons."
        ),
    ),
    Term(
        gettext_lazy("Block"),
        gettext_lazy(
            "In a proposal, a serious objection: you believe the proposal would go against what "
            "the group stands for or would cause harm. One block stops the proposal until it is "
            "changed or talked through. It is not for simply disagreeing."
        ),
    ),
    Term(
        gettext_lazy("Abstain"),
        gettext_lazy(
            "You are happy for the group to decide without your view, for example because it does"
            " not affect you or you do not know enough."
        ),
    ),
    Term(
        gettext_lazy("Consent decision"),
        gettext_lazy(
            'A way of deciding where the question is not "does everyone like it?" but "can '
            'everyone live with it?". You answer "I can live with it" or "I object", saying why. '
            "It has nothing to do with consent to take part in research."
        ),
    ),
    Term(
        gettext_lazy("Ranked choice"),
        gettext_lazy(
            "You put the options in order of preference. If no option is most people's first "
            "choice, the least popular is set aside and its supporters' next choices are counted,"
            " until one option has more than half."
        ),
    ),
    Term(
        gettext_lazy("Dot vote"),
        gettext_lazy(
            "Everyone shares out a number of dots between the options, putting more dots on what "
            "matters most to them."
        ),
    ),
    Term(
        gettext_lazy("Gradients of agreement"),
        gettext_lazy(
            'A scale from "I fully support it" to "I cannot live with it", so a group sees how '
            "strong its agreement really is."
        ),
    ),
    Term(
        gettext_lazy("Time poll"),
        gettext_lazy("A question that finds a date and time most people can come to."),
    ),
    Term(
        gettext_lazy("Anonymous vote"),
        gettext_lazy(
            "A decision where nobody, not even the database, can link an answer to the person who"
            " gave it. Results are shown only when enough people have answered."
        ),
    ),
)


def option_to_translate(person: Any, pk: int) -> Option:
    """An option, for the members of its decision's place (404 for anyone else)."""
    return get_object_or_404(
        Option.objects.filter(decision__in=Decision.objects.for_member(person)).select_related(
            "decision"
        ),
        pk=pk,
    )


def may_translate_decision(person: Any, decision: Decision) -> bool:
    """Members of the decision's place, who take part in it."""
    from levelfield.places.access import is_place_member

    return is_place_member(person, decision.place_id)


def may_translate_option(person: Any, option: Option) -> bool:
    return may_translate_decision(person, option.decision)


# Options are translatable on their own (each has its own translation, by content type and
# id) rather than carried in the decision's: the decision page reads the decision and all
# its options' translations in one query (translations.shown.shown_list), responses keep
# pointing at the same option ids whatever language they were given in, and a new option
# added in the decision talk needs no change to the decision's translation.
TRANSLATABLE = (
    Translatable(
        model="decisions.Decision",
        fields=("title", "background", "easy_read_question"),
        label=gettext_lazy("decision"),
        find=decision_for_member,
        may_translate=may_translate_decision,
    ),
    Translatable(
        model="decisions.Option",
        fields=("label", "easy_read_label"),
        label=gettext_lazy("option in a decision"),
        find=option_to_translate,
        may_translate=may_translate_option,
    ),
)


MANIFEST = AppManifest(
    label="decisions",
    translatable=TRANSLATABLE,
    glossary=GLOSSARY,
    export=personal.export,
    erase=personal.erase,
    needs=personal.needs,
    coming_up=personal.coming_up,
    recent=personal.recent,
    navigation=(
        NavigationEntry(
            label=gettext_lazy("Decisions made together"),
            section="decide",
            url=lambda place: reverse("decisions:place_log", args=[place.pk]),
            hint=gettext_lazy("Start a decision, have your say and see what was decided."),
            order=10,
            count=_open_decisions,
            count_and_change=_open_decisions_and_change,
        ),
    ),
    person_fields=(
        PersonField("decisions.Decision.created_by", "decisions_you_started", Erasure.ANONYMISE),
        PersonField("decisions.Option.added_by", "options_you_added", Erasure.ANONYMISE),
        PersonField("decisions.DiscussionPoint.author", "discussion_points", Erasure.ANONYMISE),
        PersonField(
            "decisions.Response.person",
            "decision_answers",
            Erasure.ANONYMISE,
            "the answer stays counted in the decision's result",
        ),
        PersonField(
            "decisions.Voter.person",
            "anonymous_decisions_you_answered",
            Erasure.DELETE,
            "a sealed answer to an open decision goes with it",
        ),
        PersonField("decisions.Outcome.written_by", "outcomes_you_wrote", Erasure.ANONYMISE),
    ),
    scale=scale_module("levelfield.decisions.scale"),
    scale_after=("projects",),
    demo=demo_world_module("levelfield.decisions.demo"),
    # The Allies Group's decision is made in a group the places demo sets up.
    demo_after=("projects", "places"),
)
