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

from django.conf import settings
from django.db import models
from django.db.models import Q

from levelfield.people.models import User


class CourseQuerySet(models.QuerySet):
    def visible_to(self, person: User) -> CourseQuerySet:
        """Courses a member of their collective may see: open ones, and drafts they
        facilitate. Callers have already checked collective membership."""
        return self.filter(Q(is_open=True) | Q(facilitators=person)).distinct()


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
    body = models.TextField(help_text="Markdown; sanitised when shown.")
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
