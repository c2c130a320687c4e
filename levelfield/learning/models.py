"""Courses in co-producing research, people's progress through them, and learning circles.

A collective runs courses. A course has modules in order; a module has pages in order
(Markdown, sanitised when shown: `text.py`) and may end with a question people answer
in a short reflection. Reflections are private: a person may choose to share one with
the course's facilitators. Facilitators are members named on the course (a job for
this course, not a rank in the collective).

People enrol; each page they mark as done is a `PageDone`, so progress and "carry on
where you stopped" are computed, never written when a page is opened. When every page
is done and every question answered, the enrolment is complete and the certificate can
be downloaded.

A learning circle is a small group on a course that meets after sessions: for each
session, members post a short reflection to the circle and a facilitator writes up the
themes.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from levelfield.people.models import User


class CourseQuerySet(models.QuerySet):
    def visible_to(self, person: User) -> CourseQuerySet:
        """Courses a member of their collective may see: open ones, and drafts they
        facilitate, each with `viewer_facilitates`. Callers have already checked
        collective membership. An EXISTS, not a join: a join made each course a row per
        facilitator, then DISTINCT sorted them."""
        return self.annotate(
            viewer_facilitates=models.Exists(
                Course.facilitators.through.objects.filter(
                    course_id=models.OuterRef("pk"), user_id=person.pk
                )
            )
        ).filter(Q(is_open=True) | Q(viewer_facilitates=True))


class Course(models.Model):
    collective = models.ForeignKey(
        "collectives.Collective", on_delete=models.CASCADE, related_name="courses"
    )
    title = models.CharField(max_length=200)
    summary = models.TextField(blank=True)
    # A draft is seen only by its facilitators until they open it for enrolment.
    is_open = models.BooleanField(default=False)
    facilitators = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="courses_facilitated", blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField()

    objects = CourseQuerySet.as_manager()

    class Meta:
        ordering = ["title", "pk"]

    def __str__(self) -> str:
        return self.title


class Module(models.Model):
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="modules")
    position = models.PositiveIntegerField()
    title = models.CharField(max_length=200)
    introduction = models.TextField(blank=True)
    # Asked after the module's pages; answering it is part of finishing the module.
    question = models.TextField(blank=True)
    # The live session that goes with this module. A hook for the events app: when it
    # lands, an optional foreign key to events.Event replaces these three fields (the
    # title and link stay for sessions held elsewhere).
    live_session_title = models.CharField(max_length=200, blank=True)
    live_session_url = models.URLField(blank=True)
    live_session_starts_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["course", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["course", "position"], name="learning_module_position_unique"
            )
        ]

    def __str__(self) -> str:
        return self.title


class Page(models.Model):
    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="pages")
    position = models.PositiveIntegerField()
    title = models.CharField(max_length=200)
    body = models.TextField(help_text=_("Markdown; sanitised when shown."))
    video_url = models.URLField(blank=True)
    # A video is linked only if it has captions (WCAG 1.2.2); a transcript is welcome.
    video_has_captions = models.BooleanField(default=False)
    transcript = models.TextField(blank=True)

    class Meta:
        ordering = ["module__position", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["module", "position"], name="learning_page_position_unique"
            ),
            models.CheckConstraint(
                condition=Q(video_url="") | Q(video_has_captions=True),
                name="learning_page_video_has_captions",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Enrolment(models.Model):
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="enrolments")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrolments"
    )
    enrolled_at = models.DateTimeField()
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["course", "person"], name="learning_one_enrolment_per_person"
            ),
            models.CheckConstraint(
                condition=Q(completed_at__isnull=True)
                | Q(completed_at__gte=models.F("enrolled_at")),
                name="learning_completed_after_enrolled",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} on {self.course}"


class PageDone(models.Model):
    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="pages_done")
    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="+")
    done_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["enrolment", "page"], name="learning_page_done_once")
        ]

    def __str__(self) -> str:
        return f"{self.page_id} done on enrolment {self.enrolment_id}"


class Reflection(models.Model):
    """A person's answer to a module's question: private unless they share it."""

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="reflections")
    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="reflections")
    text = models.TextField()
    shared_with_facilitators = models.BooleanField(default=False)
    written_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "module"], name="learning_one_reflection_per_module"
            )
        ]

    def __str__(self) -> str:
        return f"Reflection on module {self.module_id}"


class Circle(models.Model):
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="circles")
    name = models.CharField(max_length=200)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="CircleMembership", related_name="learning_circles"
    )

    class Meta:
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name


class CircleMembership(models.Model):
    circle = models.ForeignKey(Circle, on_delete=models.CASCADE, related_name="memberships")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    joined_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["circle", "person"], name="learning_circle_member_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person_id} in circle {self.circle_id}"


class CircleSession(models.Model):
    """A time the circle met (usually after a module's live session)."""

    circle = models.ForeignKey(Circle, on_delete=models.CASCADE, related_name="sessions")
    title = models.CharField(max_length=200)
    held_on = models.DateField()
    module = models.ForeignKey(
        Module, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    themes = models.TextField(blank=True)
    themes_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    themes_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return self.title


class CirclePost(models.Model):
    """A participant's short reflection after a session, shared with their circle."""

    session = models.ForeignKey(CircleSession, on_delete=models.CASCADE, related_name="posts")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    text = models.TextField()
    posted_at = models.DateTimeField()

    class Meta:
        ordering = ["posted_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "person"], name="learning_one_post_per_session"
            )
        ]

    def __str__(self) -> str:
        return f"Post by {self.person_id} after session {self.session_id}"


# A course run as a cohort: dates that are events, assignments, and an evaluation.


class Cohort(models.Model):
    """A run of a course with a start and an end, its facilitators and participants.

    Its dates are a series of events in the collective's place (`series`, made by the
    events app), so joining the cohort takes a place at every date through the events'
    registrations, and attendance writes the involvement log the usual way. At the end
    participants answer an anonymous evaluation, sealed on their `CohortParticipant`
    row until it closes and then written out unlinked (`EvaluationAnswer`), as the
    check-ins and events' feedback are (levelfield.sealing).
    """

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="cohorts")
    title = models.CharField(max_length=200)
    starts_on = models.DateField()
    ends_on = models.DateField()
    series = models.OneToOneField(
        "events.EventSeries",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="cohort",
        help_text=_("The cohort's dates, as repeating events."),
    )
    # Named facilitators of this run, besides the course's and the coordinators.
    facilitators = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="cohorts_facilitated", blank=True
    )
    # When the sealed evaluation answers were written out together.
    evaluation_closed_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-starts_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")),
                name="learning_cohort_ends_after_it_starts",
            )
        ]

    def __str__(self) -> str:
        return self.title


class CohortParticipant(models.Model):
    """A person taking part in a cohort. Leaving keeps the row (`left_at`) so the
    record of who took part stays; joining again clears it.

    `sealed_evaluation` holds the person's evaluation answers, sealed, until they are
    written out; `evaluation_given` only stops a second answer."""

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="participants")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="cohort_places"
    )
    joined_at = models.DateTimeField()
    left_at = models.DateTimeField(null=True, blank=True)
    evaluation_given = models.BooleanField(default=False)
    sealed_evaluation = models.BinaryField(null=True, blank=True, editable=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["cohort", "person"], name="learning_one_place_per_cohort"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person_id} in cohort {self.cohort_id}"


class Assignment(models.Model):
    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="assignments")
    title = models.CharField(max_length=200)
    instructions = models.TextField(help_text=_("What to do. Markdown; sanitised when shown."))
    due_on = models.DateField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField()
    # When participants who had not handed in were reminded (once per assignment).
    reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return self.title


class HandIn(models.Model):
    """A participant's work for an assignment: text, a file, or both. The file is
    checked by its content and served only through a view that checks access."""

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="hand_ins")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="hand_ins"
    )
    text = models.TextField(blank=True)
    file = models.FileField(upload_to="learning/hand-ins/%Y/%m/", max_length=300, blank=True)
    file_name = models.CharField(max_length=200, blank=True)
    file_type = models.CharField(max_length=100, blank=True)
    handed_in_at = models.DateTimeField()
    feedback = models.TextField(blank=True)
    feedback_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    feedback_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["handed_in_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "person"], name="learning_one_hand_in_per_person"
            ),
            models.CheckConstraint(
                condition=~Q(text="") | ~Q(file=""), name="learning_hand_in_has_something"
            ),
        ]

    def __str__(self) -> str:
        return f"Hand-in for assignment {self.assignment_id}"


class EvaluationAnswer(models.Model):
    """One anonymous evaluation of a cohort. No person and no time, a random key rather
    than a counter, written out shuffled with every answer of the cohort together, so
    nothing orders or links it to its author. Shown only from
    `settings.MINIMUM_ANONYMOUS_GROUP` answers."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="evaluation")
    useful = models.PositiveSmallIntegerField()
    heard = models.PositiveSmallIntegerField()
    best = models.TextField(blank=True)
    change = models.TextField(blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(useful__gte=1) & Q(useful__lte=5),
                name="learning_evaluation_useful_one_to_five",
            ),
            models.CheckConstraint(
                condition=Q(heard__gte=1) & Q(heard__lte=5),
                name="learning_evaluation_heard_one_to_five",
            ),
        ]

    def __str__(self) -> str:
        return "An anonymous evaluation"
