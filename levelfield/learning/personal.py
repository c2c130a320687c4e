"""The learning app's part of a person's data download and erasure (see manifest.py)."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from levelfield.learning import services
from levelfield.learning.models import (
    Assignment,
    CircleMembership,
    CirclePost,
    CircleSession,
    Cohort,
    CohortParticipant,
    Course,
    Enrolment,
    HandIn,
    PageDone,
    Reflection,
)
from levelfield.lib.manifests import ErasureContext, Need, export_rows
from levelfield.lib.words import day
from levelfield.places.models import PlaceMembership


def export(person: Any) -> dict[str, list[dict]]:
    return {
        "courses": export_rows(
            Enrolment.objects.filter(person=person),
            course="course__title",
            enrolled="enrolled_at",
            completed="completed_at",
        ),
        "course_pages_done": export_rows(
            PageDone.objects.filter(enrolment__person=person),
            course="enrolment__course__title",
            page="page__title",
            done="done_at",
        ),
        "course_reflections": export_rows(
            Reflection.objects.filter(enrolment__person=person),
            module="module__title",
            text="text",
            written="written_at",
        ),
        "courses_you_made_or_facilitate": export_rows(
            Course.objects.filter(created_by=person) | Course.objects.filter(facilitators=person),
            course="title",
        ),
        "learning_circles": export_rows(
            CircleMembership.objects.filter(person=person),
            circle="circle__name",
            joined="joined_at",
        ),
        "learning_circle_posts": export_rows(
            CirclePost.objects.filter(person=person),
            session="session__title",
            text="text",
            posted="posted_at",
        ),
        "cohorts": export_rows(
            CohortParticipant.objects.filter(person=person),
            course="cohort__course__title",
            cohort="cohort__title",
            joined="joined_at",
            left="left_at",
            answered_the_evaluation="evaluation_given",
        ),
        "cohorts_you_facilitate": export_rows(
            Cohort.objects.filter(facilitators=person) | Cohort.objects.filter(created_by=person),
            course="course__title",
            cohort="title",
        ),
        "assignment_hand_ins": export_rows(
            HandIn.objects.filter(person=person),
            assignment="assignment__title",
            cohort="assignment__cohort__title",
            text="text",
            file="file_name",
            handed_in="handed_in_at",
            feedback="feedback",
            feedback_given="feedback_at",
        ),
        "assignment_feedback_you_gave": export_rows(
            HandIn.objects.filter(feedback_by=person),
            assignment="assignment__title",
            feedback="feedback",
            given="feedback_at",
        ),
        "learning_circle_themes_you_wrote": export_rows(
            CircleSession.objects.filter(themes_by=person),
            session="title",
            themes="themes",
            written="themes_at",
        ),
    }


def erase(context: ErasureContext) -> None:
    """Enrolments, progress, private reflections, circle places and posts, cohort places
    and hand-ins (with their files) go with the person (on_delete=CASCADE); courses,
    session themes, assignments and feedback stay with no name of theirs."""
    courses = Course.objects.filter(collective_id__in=context.collective_ids)
    context.forget(CircleSession.objects.filter(circle__course__in=courses), ["title", "themes"])
    # Hand-ins go with the person (CASCADE); their files once that commits.
    files = list(
        HandIn.objects.filter(person=context.person)
        .exclude(file="")
        .values_list("file", flat=True)
    )
    storage = HandIn._meta.get_field("file").storage
    transaction.on_commit(lambda: [storage.delete(name) for name in files])
    context.forget(HandIn.objects.filter(assignment__cohort__course__in=courses), ["feedback"])
    context.forget(Assignment.objects.filter(cohort__course__in=courses), ["instructions"])


# What needs the person now, for their home (see manifest.py)

DUE_SOON_DAYS = 7
NEEDS_SHOWN = 10


def needs(person: Any) -> list[Need]:
    """Assignments a participant has still to hand in (due within a week, or overdue
    in a cohort still running or just finished), hand-ins waiting for a named
    facilitator's feedback, and an evaluation waiting for a participant's answer; only
    in collectives the person is still in."""
    today = timezone.localdate()
    now = timezone.now()
    collectives = (
        PlaceMembership.objects.in_collectives()
        .filter(person=person)
        .values("place__collective_id")
    )
    taking = CohortParticipant.objects.filter(person=person, left_at__isnull=True).values(
        "cohort_id"
    )
    due = (
        Assignment.objects.filter(
            cohort__in=taking,
            cohort__course__collective__in=collectives,
            due_on__lte=today + datetime.timedelta(days=DUE_SOON_DAYS),
            cohort__ends_on__gte=today - datetime.timedelta(days=DUE_SOON_DAYS),
        )
        .exclude(hand_ins__person=person)
        .select_related("cohort__course__collective")
        .only(*_ASSIGNMENT_SHOWN)
        .order_by("due_on", "pk")[:NEEDS_SHOWN]
    )
    found = [
        Need(
            label=(
                _("Overdue since %(day)s: %(title)s")
                % {"day": day(assignment.due_on), "title": assignment.title}
                if assignment.due_on < today
                else _("Hand in: %(title)s") % {"title": assignment.title}
            ),
            url=_assignment_url(assignment),
            place=assignment.cohort.course.collective.name,
            due=assignment.due_on,
            kind="assignment",
        )
        for assignment in due
    ]
    facilitated = Cohort.objects.filter(
        Q(facilitators=person) | Q(course__facilitators=person)
    ).values("pk")
    waiting = (
        Assignment.objects.filter(
            cohort__in=facilitated, cohort__course__collective__in=collectives
        )
        .annotate(waiting=Count("hand_ins", filter=Q(hand_ins__feedback_at__isnull=True)))
        .filter(waiting__gt=0)
        .select_related("cohort__course__collective")
        .only(*_ASSIGNMENT_SHOWN)
        .order_by("due_on", "pk")[:NEEDS_SHOWN]
    )
    found += [
        Need(
            label=ngettext(
                "Give feedback: %(count)s hand-in for “%(title)s”",
                "Give feedback: %(count)s hand-ins for “%(title)s”",
                assignment.waiting,
            )
            % {"count": assignment.waiting, "title": assignment.title},
            url=_assignment_url(assignment),
            place=assignment.cohort.course.collective.name,
            due=assignment.due_on,
            kind="hand_in_feedback",
        )
        for assignment in waiting
    ]
    opened_since = today - services.EVALUATION_OPEN_FOR
    to_evaluate = (
        Cohort.objects.filter(
            participants__person=person,
            participants__left_at__isnull=True,
            participants__evaluation_given=False,
            course__collective__in=collectives,
            evaluation_closed_at__isnull=True,
            ends_on__lte=today,
            ends_on__gt=opened_since,
        )
        .select_related("course__collective")
        .only(
            "ends_on",
            "evaluation_closed_at",
            "course__title",
            "course__collective__name",
            "course__collective__slug",
        )
        .order_by("ends_on", "pk")[:NEEDS_SHOWN]
    )
    found += [
        Need(
            label=_("Tell us how “%(title)s” went (anonymous)") % {"title": cohort.course.title},
            url=reverse(
                "learning:evaluation",
                args=[cohort.course.collective.slug, cohort.course_id, cohort.pk],
            ),
            place=cohort.course.collective.name,
            due=services.evaluation_closes_at(cohort),
            kind="cohort_evaluation",
        )
        for cohort in to_evaluate
        if services.evaluation_open(cohort, now)
    ]
    return found


# Only the columns a need shows: compiling every column of four joined tables cost more
# than running the query.
_ASSIGNMENT_SHOWN = (
    "title",
    "due_on",
    "cohort__course__collective__name",
    "cohort__course__collective__slug",
)


def _assignment_url(assignment: Assignment) -> str:
    cohort = assignment.cohort
    course = cohort.course
    return reverse(
        "learning:assignment",
        args=[course.collective.slug, course.pk, cohort.pk, assignment.pk],
    )
