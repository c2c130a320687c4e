"""The set-up the course benchmarks share (bench_learning.py, bench_cohort.py): a
collective of a facilitator and its learners, and an open course the facilitator runs.

Members are bulk-inserted (a service call each would time the set-up, not the pages).
"""

from __future__ import annotations

import random

from bench_pages import people_add
from django.utils import timezone

from levelfield.collectives.models import CollectiveKind
from levelfield.collectives.services import collective_create
from levelfield.learning.models import Course
from levelfield.people.models import User
from levelfield.places.models import PlaceMembership


def course_make(prefix: str, learners: int, rng: random.Random) -> tuple[User, list[User], Course]:
    """The facilitator, the `learners` other members of the collective, and the course."""
    facilitator, *others = people_add(prefix, learners + 1, rng)
    collective = collective_create(
        name=f"Bench course {prefix}",
        kind=CollectiveKind.COLLECTIVE,
        description="People timing the course pages.",
        created_by=facilitator,
    )
    PlaceMembership.objects.bulk_create(
        [PlaceMembership(place=collective.own_place, person=p) for p in others],
        batch_size=1_000,
        ignore_conflicts=True,
    )
    course = Course.objects.create(
        collective=collective,
        title="Co-producing research",
        is_open=True,
        created_at=timezone.now(),
    )
    course.facilitators.add(facilitator)
    return facilitator, others, course
