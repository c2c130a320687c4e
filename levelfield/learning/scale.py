"""Courses for `manage.py seed_scale`: the network's course in co-producing research.

Each collective has three open courses of 6 modules of 5 pages; the network's first has
2,000 learners at the large size, part-way through (pages done in order, a tenth
finished with their completion time), as `page_done` records them. The busy course runs
as a cohort of those learners with three assignments, the first handed in by most
(half of them given feedback). The cohort has no sessions here: events' scale data
has its own series, and registrations for 2,000 people at each date would only
measure the events app again.
"""

from __future__ import annotations

import datetime
import random

from django.utils import timezone

from levelfield.collectives.scale import collectives_in_order, network
from levelfield.learning.models import (
    Assignment,
    Cohort,
    CohortParticipant,
    Course,
    Enrolment,
    HandIn,
    Module,
    Page,
    PageDone,
)
from levelfield.lib.scale import batches, scaled
from levelfield.people.scale import people_in_order
from levelfield.places.models import PlaceMembership

COURSES = 3
MODULES = 6
PAGES = 5
LEARNERS = 2_000


def scale_seed(*, size: str, rng: random.Random) -> None:
    founder = people_in_order()[0]
    now = timezone.now()
    Course.objects.bulk_create(
        Course(
            collective=collective,
            title=f"Co-producing research, part {number + 1}",
            summary="What co-production is, and how to share power in a project.",
            is_open=True,
            created_by_id=founder,
            created_at=now,
        )
        for collective in collectives_in_order()
        for number in range(COURSES)
    )
    courses = list(Course.objects.order_by("pk"))
    Module.objects.bulk_create(
        Module(course=course, position=position, title=f"Module {position + 1}")
        for course in courses
        for position in range(MODULES)
    )
    Page.objects.bulk_create(
        Page(module=module, position=position, title=f"Page {position + 1}", body="Read this.")
        for module in Module.objects.order_by("pk")
        for position in range(PAGES)
    )
    busy = Course.objects.filter(collective=network()).order_by("pk").first()
    learners = list(
        PlaceMembership.objects.of_collective(network())
        .order_by("person_id")
        .values_list("person_id", flat=True)[: scaled(size, LEARNERS, least=10)]
    )
    pages = list(
        Page.objects.filter(module__course=busy)
        .order_by("module__position", "position")
        .values_list("pk", flat=True)
    )
    done_counts = [rng.randrange(0, len(pages) + 1) for _ in learners]
    Enrolment.objects.bulk_create(
        Enrolment(
            course=busy,
            person_id=person_id,
            enrolled_at=now,
            completed_at=now if done == len(pages) else None,
        )
        for person_id, done in zip(learners, done_counts, strict=True)
    )
    enrolments = dict(Enrolment.objects.filter(course=busy).values_list("person_id", "pk"))
    for chunk in batches(
        PageDone(enrolment_id=enrolments[person_id], page_id=page, done_at=now)
        for person_id, done in zip(learners, done_counts, strict=True)
        for page in pages[:done]
    ):
        PageDone.objects.bulk_create(chunk)
    _cohort(busy, learners, founder, rng)


def _cohort(course: Course, learners: list[int], founder: int, rng: random.Random) -> None:
    now = timezone.now()
    today = timezone.localdate()
    cohort = Cohort.objects.create(
        course=course,
        title="Spring run",
        starts_on=today - datetime.timedelta(weeks=4),
        ends_on=today + datetime.timedelta(weeks=6),
        created_by_id=founder,
        created_at=now,
    )
    for chunk in batches(
        CohortParticipant(cohort=cohort, person_id=person_id, joined_at=now)
        for person_id in learners
    ):
        CohortParticipant.objects.bulk_create(chunk)
    assignments = Assignment.objects.bulk_create(
        Assignment(
            cohort=cohort,
            title=f"Assignment {number + 1}",
            instructions="Write who decides in a project you know.",
            due_on=today + datetime.timedelta(weeks=2 * number - 1),
            created_by_id=founder,
            created_at=now,
        )
        for number in range(3)
    )
    handed_in = [(person_id, rng.random() < 0.5) for person_id in learners if rng.random() < 0.8]
    for chunk in batches(
        HandIn(
            assignment=assignments[0],
            person_id=person_id,
            text="The funder decides.",
            handed_in_at=now,
            feedback="Thank you." if answered else "",
            feedback_by_id=founder if answered else None,
            feedback_at=now if answered else None,
        )
        for person_id, answered in handed_in
    ):
        HandIn.objects.bulk_create(chunk)
