"""Check-in pages and closing at data scale: a project of 1,000 members, eight closed
rounds all of them answered, 5,000 involvement entries; beside the same pages for a
project of 6 people with two rounds (the query counts should match).

Answers are sealed with the real sealing (`services.answers_seal`) and bulk-inserted, then
each round is closed through `services.round_close`, which is timed for the last one.
"""

from __future__ import annotations

import random
import time
from datetime import timedelta

from bench_common import Row
from bench_django import time_page
from bench_pages import _row, _shows, entries_fill, logged_in, team_make
from django.urls import reverse
from django.utils import timezone

from levelfield.people.models import User
from levelfield.projects.models import Project
from levelfield.reflection import services
from levelfield.reflection.models import (
    CheckInRound,
    Question,
    QuestionSet,
    QuestionSetVersion,
    Respondent,
)
from levelfield.reflection.questions import builtin_sets_install

MEMBERS = 1_000
ROUNDS = 8
ENTRIES = 5_000
FEW = 6
SEED = 20_261_201


def _rounds_fill(
    project: Project, people: list[User], rounds: int, rng: random.Random
) -> tuple[CheckInRound, float]:
    """Closed rounds, every member answering each; returns the last and how long its
    closing took (ms)."""
    builtin_sets_install(QuestionSet, QuestionSetVersion, Question)
    version = QuestionSetVersion.objects.get(question_set__key="principles", number=1)
    questions = list(version.questions.all())
    now = timezone.now()
    last, closing_ms = None, 0.0
    for number in range(rounds):
        opens = now - timedelta(days=30 * (rounds - number) + 10)
        checkin = services.round_open(
            person=people[0],
            place=project.place,
            version=version,
            title=f"Round {number + 1}",
            opens_at=opens,
            closes_at=opens + timedelta(days=10),
            now=opens,
        )
        Respondent.objects.bulk_create(
            Respondent(
                round=checkin,
                person=person,
                sealed_answers=services.answers_seal(
                    round_id=checkin.pk,
                    person_id=person.pk,
                    payload={
                        "kind": services.BALLOT_KIND,
                        "scores": {str(q.pk): rng.randint(1, 5) for q in questions},
                        "comments": {str(questions[0].pk): "A comment"}
                        if rng.random() < 0.1
                        else {},
                    },
                ),
            )
            for person in people
        )
        started = time.perf_counter()
        services.round_close(checkin=checkin, now=checkin.closes_at + timedelta(minutes=1))
        closing_ms = (time.perf_counter() - started) * 1000
        last = checkin
    return last, closing_ms


def reflection_pages() -> list[Row]:
    rng = random.Random(SEED)
    project, people = team_make("checkin", MEMBERS, rng)
    entries_fill(project, people, ENTRIES, rng)
    checkin, closing_ms = _rounds_fill(project, people, ROUNDS, rng)
    few_project, few_people = team_make("fewcheckin", FEW, rng)
    entries_fill(few_project, few_people, 4, rng)
    few_checkin, _ = _rounds_fill(few_project, few_people, 2, rng)
    member, few_member = logged_in(people[0]), logged_in(few_people[0])
    return [
        Row(f"round_close, {MEMBERS:,} sealed answers", MEMBERS, closing_ms),
        _row(
            f"reflection:detail, results and a trend of {ROUNDS} rounds",
            MEMBERS,
            time_page(
                member,
                reverse("reflection:detail", args=[checkin.pk]),
                check=_shows("Results by principle", "trend-table"),
            ),
            time_page(
                few_member,
                reverse("reflection:detail", args=[few_checkin.pk]),
                check=_shows("Results by principle", "trend-table"),
            ),
        ),
        _row(
            f"reflection:place_evidence, {ENTRIES:,} entries",
            ENTRIES,
            time_page(
                member,
                reverse("reflection:place_evidence", args=[project.place.pk]),
                check=_shows("Evidence from the record"),
            ),
            time_page(
                few_member,
                reverse("reflection:place_evidence", args=[few_project.place.pk]),
                check=_shows("Evidence from the record"),
            ),
        ),
        _row(
            "reflection:place_rounds",
            ROUNDS,
            time_page(member, reverse("reflection:place_rounds", args=[project.place.pk])),
            time_page(few_member, reverse("reflection:place_rounds", args=[few_project.place.pk])),
        ),
    ]
