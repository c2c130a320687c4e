"""Who may reach a course, its pages and its circles: the one access rule.

A collective's courses are for its members; anyone else gets a 404 and learns
nothing. A draft course is seen only by its facilitators. Facilitators' pages (editing,
progress, shared reflections, circle themes) refuse other members with 403: they can
see the course, and that running it is the facilitators' job. A circle's posts are for
the circle's members and the course's facilitators. Services re-check who may act.
"""

from __future__ import annotations

from typing import TypeVar

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Exists, F, FilteredRelation, Model, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import get_object_or_404

from levelfield.collectives import roles
from levelfield.collectives.access import collective_membership_for
from levelfield.learning.models import (
    Assignment,
    Circle,
    CircleMembership,
    CircleSession,
    Cohort,
    CohortParticipant,
    Course,
    Enrolment,
    HandIn,
    Module,
    Page,
)
from levelfield.people.models import User
from levelfield.places.models import PlaceMembership

M = TypeVar("M", bound=Model)


def learning_membership_for(person: User, slug: str) -> PlaceMembership:
    """`person`'s membership of the collective whose courses they open."""
    return collective_membership_for(person, slug)


def is_facilitator(person: User, course: Course) -> bool:
    return course.facilitators.filter(pk=person.pk).exists()


def course_for_member(person: User, slug: str, pk: int) -> Course:
    """The course, if `person` belongs to its collective and may see it. Sets
    `course.collective`, `course.viewer_facilitates`, `course.viewer_coordinates` (they
    hold the collective's coordinator job, read with their membership) and
    `course.viewer_enrolment`, read with the course in one query."""
    membership = learning_membership_for(person, slug)
    course = (
        Course.objects.filter(collective=membership.collective)
        .visible_to(person)
        .annotate(
            # At most one row: one enrolment per person and course.
            viewer_enrolment_row=FilteredRelation(
                "enrolments", condition=Q(enrolments__person_id=person.pk)
            ),
            **{
                f"viewer_enrolment_{name}": F(f"viewer_enrolment_row__{name}")
                for name in _ENROLMENT_FIELDS
            },
        )
        .filter(pk=pk)
        .first()
    )
    if course is None:
        raise Http404("No such course.")
    course.collective = membership.collective
    course.viewer_coordinates = membership.coordinator_since is not None
    course.viewer_enrolment = _read_with(
        course, Enrolment, "viewer_enrolment_", {"course_id": course.pk, "person_id": person.pk}
    )
    if course.viewer_enrolment is not None:
        course.viewer_enrolment.course = course
    return course


# The enrolment's own columns, read as annotations of the course (its course and person
# are the course and the viewer).
_ENROLMENT_FIELDS = ("id", "enrolled_at", "completed_at")


def _read_with(row: Model, model: type[M], prefix: str, known: dict[str, object]) -> M | None:
    """The `model` row whose columns `row` was read with as annotations named `prefix`
    + column (the other columns `known`, any left out deferred), or None when its id is
    None (there is no such row)."""
    if getattr(row, f"{prefix}id") is None:
        return None
    names = [field.attname for field in model._meta.concrete_fields]
    read = [name for name in names if name in known or hasattr(row, prefix + name)]
    return model.from_db(
        row._state.db,
        read,
        [known[name] if name in known else getattr(row, prefix + name) for name in read],
    )


def course_for_facilitator(person: User, slug: str, pk: int) -> Course:
    course = course_for_member(person, slug, pk)
    if not course.viewer_facilitates:
        raise PermissionDenied("Only the course's facilitators may do this.")
    return course


def enrolment_required(course: Course) -> Enrolment:
    """The viewer's enrolment on a course they reached; 403 if they have not enrolled."""
    if course.viewer_enrolment is None:
        raise PermissionDenied("Enrol on the course first.")
    return course.viewer_enrolment


def module_in(course: Course, pk: int) -> Module:
    module = get_object_or_404(Module.objects.filter(course=course), pk=pk)
    module.course = course
    return module


def page_in(course: Course, pk: int) -> Page:
    page = get_object_or_404(
        Page.objects.filter(module__course=course).select_related("module"), pk=pk
    )
    page.module.course = course
    return page


def circle_in(course: Course, pk: int, person: User) -> Circle:
    """A circle of a course the viewer reached, if they belong to it or facilitate."""
    circle = get_object_or_404(Circle.objects.filter(course=course), pk=pk)
    circle.course = course
    circle.viewer_is_member = CircleMembership.objects.filter(
        circle=circle, person=person
    ).exists()
    if not (circle.viewer_is_member or course.viewer_facilitates):
        raise Http404("No such circle.")
    return circle


def circle_to_join(course: Course, pk: int) -> Circle:
    circle = get_object_or_404(Circle.objects.filter(course=course), pk=pk)
    circle.course = course
    return circle


def session_in(circle: Circle, pk: int) -> CircleSession:
    session = get_object_or_404(CircleSession.objects.filter(circle=circle), pk=pk)
    session.circle = circle
    return session


# Cohorts


def cohort_in(course: Course, pk: int, person: User, *, counted: bool = False) -> Cohort:
    """A cohort of a course the viewer reached. Sets `viewer_facilitates` and
    `viewer_participant` (their active place, or None), read with the cohort in one
    query; with `counted`, `participant_count` (those taking part now) too."""
    # Whether the viewer is one of its named facilitators, and their active place (its
    # sealed evaluation left unread), in the same query.
    more = {}
    if counted:
        more["participant_count"] = Coalesce(
            Subquery(
                CohortParticipant.objects.filter(cohort_id=OuterRef("pk"), left_at__isnull=True)
                .order_by()
                .values("cohort_id")
                .annotate(count=Count("pk"))
                .values("count")
            ),
            0,
        )
    cohort = get_object_or_404(
        Cohort.objects.filter(course=course).annotate(
            viewer_named=Exists(
                Cohort.facilitators.through.objects.filter(
                    cohort_id=OuterRef("pk"), user_id=person.pk
                )
            ),
            # At most one row: one place per person and cohort.
            viewer_place_row=FilteredRelation(
                "participants",
                condition=Q(participants__person_id=person.pk, participants__left_at__isnull=True),
            ),
            **{f"viewer_place_{name}": F(f"viewer_place_row__{name}") for name in _PLACE_FIELDS},
            **more,
        ),
        pk=pk,
    )
    cohort.course = course
    cohort.viewer_facilitates = (
        course.viewer_facilitates or cohort.viewer_named or _coordinates(course, person)
    )
    cohort.viewer_participant = _read_with(
        cohort,
        CohortParticipant,
        "viewer_place_",
        {"cohort_id": cohort.pk, "person_id": person.pk, "left_at": None},
    )
    if cohort.viewer_participant is not None:
        cohort.viewer_participant.cohort = cohort
    return cohort


# The columns of the viewer's place in a cohort read with the cohort (not the sealed
# evaluation: read only if used).
_PLACE_FIELDS = ("id", "joined_at", "evaluation_given")


def _coordinates(course: Course, person: User) -> bool:
    """Whether `person` may facilitate any cohort of the course's collective: while that
    is the coordinator's (roles.RULES; a test pins it), the membership
    `course_for_member` read says so with no query."""
    rule = roles.RULES[roles.Action.FACILITATE_ANY_COHORT]
    if rule is roles.Who.THE_COORDINATOR and hasattr(course, "viewer_coordinates"):
        return course.viewer_coordinates
    return roles.may(person, roles.Action.FACILITATE_ANY_COHORT, course.collective)


def may_start_cohort(course: Course, person: User) -> bool:
    """The course's facilitators and the collective's coordinators run it as a cohort."""
    return bool(course.viewer_facilitates) or _coordinates(course, person)


def cohort_facilitated(cohort: Cohort) -> Cohort:
    if not cohort.viewer_facilitates:
        raise PermissionDenied("Only the cohort's facilitators may do this.")
    return cohort


def participant_required(cohort: Cohort) -> CohortParticipant:
    if cohort.viewer_participant is None:
        raise PermissionDenied("Join the cohort first.")
    return cohort.viewer_participant


def assignment_in(cohort: Cohort, pk: int) -> Assignment:
    """An assignment of the cohort, for its participants and facilitators only."""
    if not (cohort.viewer_facilitates or cohort.viewer_participant):
        raise Http404("No such assignment.")
    assignment = get_object_or_404(Assignment.objects.filter(cohort=cohort), pk=pk)
    assignment.cohort = cohort
    return assignment


def hand_in_in(assignment: Assignment, pk: int, person: User) -> HandIn:
    """A hand-in, for its author and the cohort's facilitators."""
    hand_in = get_object_or_404(
        HandIn.objects.filter(assignment=assignment).select_related("person", "feedback_by"),
        pk=pk,
    )
    if not (assignment.cohort.viewer_facilitates or hand_in.person_id == person.pk):
        raise Http404("No such hand-in.")
    hand_in.assignment = assignment
    return hand_in
