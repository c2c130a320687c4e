"""Courses for `manage.py seed_scale`: the network's course in co-producing research.

Each collective has three open courses of 6 modules of 5 pages; the network's first has
2,000 learners at the large size, part-way through (pages done in order, a tenth
finished with their completion time), as `page_done` records them.
"""

from __future__ import annotations

import random

from django.utils import timezone

from levelfield.collectives.models import CollectiveMembership
from levelfield.collectives.scale import collectives_in_order, network
from levelfield.learning.models import Course, Enrolment, Module, Page, PageDone
from levelfield.lib.scale import batches, scaled
from levelfield.people.scale import people_in_order

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
        CollectiveMembership.objects.filter(collective=network())
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
