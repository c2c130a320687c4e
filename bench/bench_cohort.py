"""A course run as a cohort at data scale: 2,000 participants, ten weekly sessions
(events), and an assignment 2,000 of them handed in (half given feedback) — the
cohort's page and the assignment's page as a facilitator sees them.

Run by bench/run.py inside a throwaway database. The cohort and its sessions are made
through the services; participants and hand-ins are bulk-inserted (the services, with
their registrations and history, would measure the set-up). Each page is also fetched
for a cohort of 5, so the table shows the number of queries does not grow.
"""

from __future__ import annotations

import datetime
import random

from bench_common import Row
from bench_course import course_make
from bench_django import time_page
from bench_pages import _row, _shows, logged_in
from django.urls import reverse
from django.utils import timezone

from levelfield.learning import services
from levelfield.learning.models import CohortParticipant, HandIn

PARTICIPANTS = 2_000
FEW = 5
SEED = 20_261_205


def _cohort_make(prefix: str, count: int, rng: random.Random) -> tuple[list, object]:
    facilitator, participants, course = course_make(prefix, count, rng)
    collective = course.collective
    now = timezone.now()
    first = (now + datetime.timedelta(days=3)).replace(minute=0, second=0, microsecond=0)
    cohort = services.cohort_create(
        course=course,
        actor=facilitator,
        title="Bench run",
        ends_on=timezone.localdate(first) + datetime.timedelta(weeks=9),
        dates=services.CohortDates(
            first_starts_at=first,
            first_ends_at=first + datetime.timedelta(minutes=90),
            repeat="weekly",
        ),
    )
    CohortParticipant.objects.bulk_create(
        [CohortParticipant(cohort=cohort, person=p, joined_at=now) for p in participants],
        batch_size=1_000,
    )
    assignment = services.assignment_save(
        cohort=cohort,
        actor=facilitator,
        title="Who decides?",
        instructions="Write who decides.",
        due_on=timezone.localdate(first),
    )
    HandIn.objects.bulk_create(
        [
            HandIn(
                assignment=assignment,
                person=p,
                text="The funder decides.",
                handed_in_at=now,
                feedback="Thank you." if n % 2 else "",
                feedback_by=facilitator if n % 2 else None,
                feedback_at=now if n % 2 else None,
            )
            for n, p in enumerate(participants)
        ],
        batch_size=1_000,
    )
    return [collective.slug, course.pk, cohort.pk, assignment.pk], logged_in(facilitator)


def cohort_pages() -> list[Row]:
    rng = random.Random(SEED)
    big, facilitator = _cohort_make("cohort", PARTICIPANTS, rng)
    small, few_facilitator = _cohort_make("fewcohort", FEW, rng)

    def url(name: str, world: list) -> str:
        return reverse(f"learning:{name}", args=world if name == "assignment" else world[:3])

    rows = []
    for label, name, text in [
        ("learning:cohort (10 sessions, a facilitator)", "cohort", "Sessions"),
        ("learning:assignment (who has handed in)", "assignment", "Hand-ins"),
    ]:
        rows.append(
            _row(
                label,
                PARTICIPANTS,
                time_page(facilitator, url(name, big), check=_shows(text)),
                time_page(few_facilitator, url(name, small), check=_shows(text)),
            )
        )
    return rows
