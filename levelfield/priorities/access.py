"""Who may reach a partnership or an idea: members of its collective. Every team view
starts here, so someone outside gets a 404 and learns nothing; services re-check.

The public pages (the survey, the interim survey, the page about the partnership) are
reached only through the partnership's unguessable survey link.
"""

from __future__ import annotations

from django.shortcuts import get_object_or_404

from levelfield.people.models import User
from levelfield.priorities.models import Idea, Partnership, SubmittedQuestion, SummaryQuestion


def partnership_for_member(person: User, pk: int) -> Partnership:
    return get_object_or_404(
        Partnership.objects.for_member(person).select_related("collective", "project"), pk=pk
    )


def partnership_public(token: str) -> Partnership:
    return get_object_or_404(Partnership.objects.select_related("collective"), survey_token=token)


def summary_in(partnership: Partnership, pk: int) -> SummaryQuestion:
    summary = get_object_or_404(SummaryQuestion, partnership=partnership, pk=pk)
    summary.partnership = partnership
    return summary


def question_in(partnership: Partnership, pk: int) -> SubmittedQuestion:
    question = get_object_or_404(SubmittedQuestion, partnership=partnership, pk=pk)
    question.partnership = partnership
    return question


def idea_for_member(person: User, pk: int) -> Idea:
    from levelfield.collectives.models import Collective

    return get_object_or_404(
        Idea.objects.filter(collective__in=Collective.objects.for_member(person)).select_related(
            "collective", "created_by", "project"
        ),
        pk=pk,
    )
