"""What the learning app adds to the whole: see levelfield/lib/manifests.py."""

from __future__ import annotations

from typing import Any

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from levelfield.learning import access, personal
from levelfield.learning.models import Page
from levelfield.lib.manifests import (
    AppManifest,
    EasyReadable,
    Erasure,
    NavigationEntry,
    PersonField,
    Term,
    demo_module,
    scale_module,
)

GLOSSARY = (
    Term(
        _("Learning circle"),
        _("A small group who take a course together and meet to talk about it."),
    ),
    Term(
        _("Cohort"),
        _(
            "A group of people who take a course together, from a start date to an end date, "
            "meeting at sessions, handing in assignments and giving feedback at the end."
        ),
    ),
)


def page_to_read(person: Any, pk: int) -> Page:
    """A course page, for the members of its collective who may see its course."""
    found = get_object_or_404(Page.objects.select_related("module__course__collective"), pk=pk)
    course = found.module.course
    return access.page_in(access.course_for_member(person, course.collective.slug, course.pk), pk)


def may_write_page(person: Any, page: Page) -> bool:
    """The course's facilitators, who write its pages."""
    if not getattr(person, "is_authenticated", False):
        return False
    return access.is_facilitator(person, page.module.course)


def page_url(page: Page) -> str:
    course = page.module.course
    return reverse("learning:page", args=[course.collective.slug, course.pk, page.pk])


EASY_READ = (
    EasyReadable(
        model="learning.Page",
        label=_("course page"),
        find=page_to_read,
        may_write=may_write_page,
        source_fields=("title", "body", "transcript"),
        url=page_url,
    ),
)


MANIFEST = AppManifest(
    label="learning",
    glossary=GLOSSARY,
    easy_read=EASY_READ,
    export=personal.export,
    needs=personal.needs,
    erase=personal.erase,
    person_fields=(
        PersonField(
            "learning.Course.created_by", "courses_you_made_or_facilitate", Erasure.ANONYMISE
        ),
        PersonField(
            "learning.Course.facilitators", "courses_you_made_or_facilitate", Erasure.DELETE
        ),
        PersonField(
            "learning.Enrolment.person",
            "courses",
            Erasure.DELETE,
            "with progress and private reflections",
        ),
        PersonField("learning.Circle.members", "learning_circles", Erasure.DELETE),
        PersonField("learning.CircleMembership.person", "learning_circles", Erasure.DELETE),
        PersonField(
            "learning.CircleSession.themes_by",
            "learning_circle_themes_you_wrote",
            Erasure.ANONYMISE,
        ),
        PersonField("learning.CirclePost.person", "learning_circle_posts", Erasure.DELETE),
        PersonField("learning.Cohort.facilitators", "cohorts_you_facilitate", Erasure.DELETE),
        PersonField("learning.Cohort.created_by", "cohorts_you_facilitate", Erasure.ANONYMISE),
        PersonField(
            "learning.CohortParticipant.person",
            "cohorts",
            Erasure.DELETE,
            "with any sealed evaluation (written-out answers name nobody)",
        ),
        PersonField("learning.Assignment.created_by", "cohorts_you_facilitate", Erasure.ANONYMISE),
        PersonField(
            "learning.HandIn.person", "assignment_hand_ins", Erasure.DELETE, "with their files"
        ),
        PersonField(
            "learning.HandIn.feedback_by", "assignment_feedback_you_gave", Erasure.ANONYMISE
        ),
    ),
    demo=demo_module("levelfield.learning.demo"),
    scale=scale_module("levelfield.learning.scale"),
    scale_after=("collectives",),
    navigation=(
        NavigationEntry(
            _("Courses and learning circles"),
            "make",
            lambda place: reverse("learning:courses", args=[place.collective.slug]),
            kinds=frozenset({"collective"}),
            hint=_("Learn together: research skills, and sharing what we know."),
            order=70,
        ),
    ),
)
