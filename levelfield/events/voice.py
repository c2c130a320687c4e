"""Whose voice an event heard: attendance, agenda and feedback split by perspective
(the voice check, as in decisions), and the organisers' totals of access needs.

Feedback is anonymous: it is sealed until the feedback closes (services.feedback_write_out),
then shown only if `MINIMUM_ANONYMOUS_GROUP` (5) people answered, and a perspective's own
figures only when every perspective present had that many answers.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.conf import settings
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy

from levelfield.events.models import AccessNeed, AgendaItem, Event, Feedback, Registration
from levelfield.people.models import PerspectiveKind

NOT_SAID = gettext_lazy("Did not say")


def _label(kind: str) -> str:
    return dict(PerspectiveKind.choices).get(kind, NOT_SAID) if kind else NOT_SAID


@dataclass(frozen=True)
class AttendanceRow:
    label: str
    registered: int
    attended: int


def attendance_by_perspective(event: Event) -> list[AttendanceRow]:
    """People with a place, and who came, for each perspective they brought (one query)."""
    rows = (
        Registration.objects.registered()
        .filter(event=event)
        .values("perspective")
        .annotate(registered=Count("id"), attended=Count("id", filter=Q(attended=True)))
        .order_by("perspective")
    )
    return [AttendanceRow(_label(r["perspective"]), r["registered"], r["attended"]) for r in rows]


def public_share(rows: Iterable[AttendanceRow]) -> tuple[int, int]:
    """(public contributors who came, everyone who came)."""
    public = {_label(kind) for kind in PerspectiveKind.public_kinds()}
    rows = list(rows)
    return (
        sum(row.attended for row in rows if row.label in public),
        sum(row.attended for row in rows),
    )


def agenda_by_perspective(items: Iterable[AgendaItem]) -> list[tuple[str, int]]:
    """How many agenda items people of each perspective proposed."""
    counts = Counter(_label(item.proposer_perspective) for item in items)
    return sorted(counts.items())


@dataclass(frozen=True)
class FeedbackSummary:
    answers: int
    shown: bool
    average: Decimal | None = None
    spread: list[tuple[int, int]] | None = None
    comments: list[str] | None = None
    groups: list[tuple[str, int, Decimal]] | None = None
    closes_at: datetime | None = None  # while the answers are still sealed


def feedback_summary(event: Event) -> FeedbackSummary:
    """ "Did you feel heard?" once the feedback has closed, from 5 answers up; comments
    in a random order. While it is open, only how many have answered."""
    if event.feedback_closed_at is None:
        given = Registration.objects.filter(event=event, feedback_given=True).count()
        return FeedbackSummary(answers=given, shown=False, closes_at=event.feedback_closes_at)
    answers = list(
        Feedback.objects.filter(event=event).values_list("heard", "comment", "perspective")
    )
    minimum = settings.MINIMUM_ANONYMOUS_GROUP
    if len(answers) < minimum:
        return FeedbackSummary(answers=len(answers), shown=False)
    scores = [heard for heard, _, _ in answers]
    comments = [comment for _, comment, _ in answers if comment]
    random.shuffle(comments)
    by_group: dict[str, list[int]] = {}
    for heard, _, perspective in answers:
        by_group.setdefault(_label(perspective), []).append(heard)
    groups = [
        (label, len(values), _mean(values))
        for label, values in sorted(by_group.items())
        if len(values) >= minimum
    ]
    spread = Counter(scores)
    return FeedbackSummary(
        answers=len(answers),
        shown=True,
        average=_mean(scores),
        spread=[(score, spread.get(score, 0)) for score in range(5, 0, -1)],
        comments=comments,
        groups=groups,
    )


def _mean(values: list[int]) -> Decimal:
    return (Decimal(sum(values)) / len(values)).quantize(Decimal("0.1"))


def access_need_totals(registrations: Iterable[Registration]) -> list[tuple[str, int]]:
    """ "3 people asked for captions": for the organisers only."""
    counts: Counter[str] = Counter()
    for registration in registrations:
        counts.update(set(registration.access_need_kinds))
    labels = dict(AccessNeed.choices)
    return [(labels[kind], counts[kind]) for kind in AccessNeed.values if counts[kind]]
