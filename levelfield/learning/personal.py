"""The learning app's part of a person's data download and erasure (see manifest.py)."""

from __future__ import annotations

from typing import Any

from levelfield.learning.models import (
    CircleMembership,
    CirclePost,
    CircleSession,
    Course,
    Enrolment,
    PageDone,
    Reflection,
)
from levelfield.lib.manifests import ErasureContext, export_rows


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
        "learning_circle_themes_you_wrote": export_rows(
            CircleSession.objects.filter(themes_by=person),
            session="title",
            themes="themes",
            written="themes_at",
        ),
    }


def erase(context: ErasureContext) -> None:
    """Enrolments, progress, private reflections, circle places and posts go with the
    person (on_delete=CASCADE); courses and session themes stay with no name of theirs."""
    courses = Course.objects.filter(collective_id__in=context.collective_ids)
    context.forget(CircleSession.objects.filter(circle__course__in=courses), ["title", "themes"])
