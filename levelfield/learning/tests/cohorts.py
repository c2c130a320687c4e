"""Helpers for the cohort tests: a cohort of the learning learning_world's course, set up through
the service, with weekly sessions for four weeks from the pinned clock."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils import timezone

from levelfield.learning import services
from levelfield.learning.models import Cohort
from levelfield.learning.tests.conftest import LearningWorld

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def cohort_make(
    learning_world: LearningWorld, *, weeks: int = 4, starts_in_days: int = 7
) -> Cohort:
    first = (timezone.now() + datetime.timedelta(days=starts_in_days)).replace(
        minute=0, second=0, microsecond=0
    )
    return services.cohort_create(
        course=learning_world.course,
        actor=learning_world.facilitator,
        title="Summer run",
        ends_on=timezone.localdate(first) + datetime.timedelta(weeks=weeks - 1),
        dates=services.CohortDates(
            first_starts_at=first,
            first_ends_at=first + datetime.timedelta(minutes=90),
            repeat="weekly",
        ),
    )


def url(name: str, learning_world: LearningWorld, cohort: Cohort, *args: int) -> str:
    return reverse(
        f"learning:{name}",
        args=[learning_world.collective.slug, learning_world.course.pk, cohort.pk, *args],
    )
