"""The learning pages at data scale: a course of 6 modules and 30 pages with 2,000
learners part-way through it (pages done, reflections, half of them shared), and a
learning circle of 12 with 10 sessions.

Run by bench/run.py inside a throwaway database. Progress rows are bulk-inserted (the
services, with their history, would measure the set-up). Each page is also fetched on a
course of 5 learners, so the table shows the number of queries does not grow.
"""

from __future__ import annotations

import random

from bench_common import Row
from bench_course import course_make
from bench_django import time_page
from bench_pages import _row, _shows, logged_in
from django.urls import reverse
from django.utils import timezone

from levelfield.learning.models import (
    Circle,
    CircleMembership,
    CirclePost,
    CircleSession,
    Enrolment,
    Module,
    Page,
    PageDone,
    Reflection,
)

LEARNERS = 2_000
FEW = 5
SEED = 20_261_214


def _course_make(prefix: str, learners: int, rng: random.Random) -> tuple[list, object]:
    facilitator, people, course = course_make(prefix, learners, rng)
    collective = course.collective
    now = timezone.now()
    modules = Module.objects.bulk_create(
        [
            Module(course=course, position=n, title=f"Module {n}", question="What will you try?")
            for n in range(1, 7)
        ]
    )
    pages = Page.objects.bulk_create(
        [
            Page(module=module, position=n, title=f"Page {n}", body="## Heading\n\nText.")
            for module in modules
            for n in range(1, 6)
        ]
    )
    enrolments = Enrolment.objects.bulk_create(
        [Enrolment(course=course, person=p, enrolled_at=now) for p in people],
        batch_size=1_000,
    )
    done, reflections = [], []
    for enrolment in enrolments:
        reached = rng.randrange(len(pages) + 1)
        done += [PageDone(enrolment=enrolment, page=page, done_at=now) for page in pages[:reached]]
        for module in modules[: reached // 5]:
            reflections.append(
                Reflection(
                    enrolment=enrolment,
                    module=module,
                    text="Asking earlier.",
                    shared_with_facilitators=rng.random() < 0.5,
                    written_at=now,
                    updated_at=now,
                )
            )
    PageDone.objects.bulk_create(done, batch_size=5_000)
    Reflection.objects.bulk_create(reflections, batch_size=5_000)
    circle = Circle.objects.create(course=course, name="Circle")
    members = people[:12]
    CircleMembership.objects.bulk_create(
        [CircleMembership(circle=circle, person=p, joined_at=now) for p in members]
    )
    for n in range(10):
        session = CircleSession.objects.create(
            circle=circle, title=f"Session {n}", held_on=now.date(), themes="Trust."
        )
        CirclePost.objects.bulk_create(
            [
                CirclePost(session=session, person=p, text="Thoughts.", posted_at=now)
                for p in members
            ]
        )
    args = [collective.slug, course.pk]
    return [args, circle.pk, pages[0].pk], logged_in(facilitator)


def learning_pages() -> list[Row]:
    rng = random.Random(SEED)
    big, facilitator = _course_make("course", LEARNERS, rng)
    small, few_facilitator = _course_make("fewcourse", FEW, rng)

    def url(name: str, world: list) -> str:
        args, circle_pk, page_pk = world
        extra = {"circle": [circle_pk], "page": [page_pk]}.get(name, [])
        return reverse(f"learning:{name}", args=[*args, *extra])

    rows = []
    for label, name, text in [
        ("learning:course (a facilitator)", "course", "Modules"),
        ("learning:progress (aggregate and shared)", "progress", "How learners are doing"),
        ("learning:page", "page", "Heading"),
        ("learning:circle (10 sessions of 12)", "circle", "Reflections"),
    ]:
        rows.append(
            _row(
                label,
                LEARNERS,
                time_page(facilitator, url(name, big), check=_shows(text)),
                time_page(few_facilitator, url(name, small), check=_shows(text)),
            )
        )
    return rows
