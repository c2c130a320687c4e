"""The reflection app's part of a person's data download and erasure (see manifest.py)."""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from levelfield.lib.manifests import NEEDS_SHOWN, ErasureContext, Need, export_rows
from levelfield.reflection.models import (
    Action,
    CheckInRound,
    Comment,
    QuestionSetVersion,
    Respondent,
)


def export(person: Any) -> dict[str, list[dict]]:
    return {
        # Answers are sealed, then unlinked at closing: only that you answered is held.
        "check_ins_you_answered": export_rows(
            Respondent.objects.filter(person=person),
            check_in="round__title",
            closes="round__closes_at",
        ),
        "check_ins_you_started": export_rows(
            CheckInRound.objects.filter(created_by=person),
            check_in="title",
            created="created_at",
        ),
        "question_sets_you_changed": export_rows(
            QuestionSetVersion.objects.filter(created_by=person),
            question_set="question_set__title",
            created="created_at",
        ),
        "check_in_actions_you_recorded": export_rows(
            Action.objects.filter(recorded_by=person),
            check_in="round__title",
            theme="theme",
            action="text",
            recorded="recorded_at",
        ),
    }


def erase(context: ErasureContext) -> None:
    """That the person answered goes (Respondent: on_delete=CASCADE), with a sealed
    answer to a round still open; answers already unlinked stay, as everyone's do."""
    # Every place in the person's collectives (its groups' too) and their projects.
    rounds = CheckInRound.objects.filter(
        context.places(project="place__project", collective="place__collective")
    )
    context.forget(rounds, ["title"])
    context.forget(Action.objects.filter(round__in=rounds), ["theme", "text"])
    context.forget(Comment.objects.filter(round__in=rounds), ["text"])


def needs(person: Any) -> list[Need]:
    """Check-in rounds open in the person's places (groups too) that they have not
    answered: one query however many places they are in."""
    now = timezone.now()
    waiting = (
        CheckInRound.objects.visible_to(person)
        .filter(closed_at=None, opens_at__lte=now, closes_at__gt=now)
        .exclude(Exists(Respondent.objects.filter(round=OuterRef("pk"), person=person)))
        .with_place()
        .order_by("closes_at", "pk")[:NEEDS_SHOWN]
    )
    return [
        Need(
            label=_("Check in: %(title)s") % {"title": checkin_round.title},
            url=reverse("reflection:answer", args=[checkin_round.pk]),
            place=checkin_round.place.name,
            due=checkin_round.closes_at,
            kind="checkin",
        )
        for checkin_round in waiting
    ]
