"""Check-ins for `manage.py seed_scale`: rounds in the big project with thousands of
answers, every one of them sealed and written out as real answers are.

Six closed rounds, two months apart (a trend), the latest with 5,000 respondents at the
large size, and one open round with 2,000 sealed answers, which the load benchmark's
people (1 to LOAD_PEOPLE) have not answered, so they can give theirs. Nothing here
shortcuts the anonymity design: rounds are opened with `round_open`; each answer is
sealed with `answers_seal` (the round's own key, padded to the one size) on the
person's `Respondent` row; the closed rounds are then closed with `round_close`, which
opens, shuffles and writes the answers out with no person, no time and random ids, and
destroys the round's key. Only the inserting of the sealed rows is in bulk.
"""

from __future__ import annotations

import random
from datetime import timedelta

from django.utils import timezone

from levelfield.lib.scale import batches, scaled
from levelfield.people.models import User
from levelfield.people.scale import LOAD_PEOPLE, people_in_order
from levelfield.places.models import PlaceMembership
from levelfield.projects.scale import big_project
from levelfield.reflection import services
from levelfield.reflection.models import (
    CheckInRound,
    Question,
    QuestionSet,
    QuestionSetVersion,
    Respondent,
)
from levelfield.reflection.questions import builtin_sets_install

CLOSED_ROUNDS = 6
LATEST_RESPONDENTS = 5_000  # the latest closed round; earlier ones a little fewer
OPEN_RESPONDENTS = 2_000
OPEN_TITLE = "Scale check-in: open now"
COMMENT_SHARE = 0.1
COMMENTS = [
    "Papers came late again.",
    "I felt listened to at the last meeting.",
    "The jargon still gets in the way.",
    "Being paid on time made a real difference.",
]


def open_round() -> CheckInRound:
    """The round the load benchmark answers."""
    return CheckInRound.objects.get(title=OPEN_TITLE, place=big_project().place)


def latest_closed_round() -> CheckInRound:
    """The round whose results page the load benchmark reads."""
    return (
        CheckInRound.objects.in_place(big_project().place)
        .filter(closed_at__isnull=False)
        .order_by("-closes_at", "-pk")
        .first()
    )


def scale_seed(*, size: str, rng: random.Random) -> None:
    builtin_sets_install(QuestionSet, QuestionSetVersion, Question)
    version = QuestionSetVersion.objects.get(
        question_set__collective=None, question_set__key="principles", number=1
    )
    questions = list(version.questions.order_by("position").values_list("pk", flat=True))
    project = big_project()
    members = list(
        PlaceMembership.objects.of_project(project)
        .order_by("person_id")
        .values_list("person_id", flat=True)
    )
    founder = User.objects.get(pk=people_in_order()[0])
    now = timezone.now()
    for number in range(CLOSED_ROUNDS):
        opens = now - timedelta(days=60 * (CLOSED_ROUNDS - number) + 14)
        checkin = services.round_open(
            person=founder,
            place=project.place,
            version=version,
            title=f"Scale check-in {number + 1}",
            opens_at=opens,
            closes_at=opens + timedelta(days=14),
            now=opens,
        )
        wanted = scaled(size, LATEST_RESPONDENTS - 400 * (CLOSED_ROUNDS - 1 - number), least=25)
        # The first members in order: the same people (person 1 among them) at each size.
        _answers_seal(checkin, members[:wanted], questions, rng)
        services.round_close(checkin=checkin, now=checkin.closes_at + timedelta(minutes=5))
    checkin = services.round_open(
        person=founder,
        place=project.place,
        version=version,
        title=OPEN_TITLE,
        opens_at=now - timedelta(days=3),
        closes_at=now + timedelta(days=30),
        now=now - timedelta(days=3),
    )
    load_people = set(people_in_order()[1 : LOAD_PEOPLE + 1])
    others = [person_id for person_id in members if person_id not in load_people]
    _answers_seal(checkin, others[: scaled(size, OPEN_RESPONDENTS, least=5)], questions, rng)


def _answers_seal(
    checkin: CheckInRound, people: list[int], questions: list[int], rng: random.Random
) -> None:
    """Each person's answers sealed for them under the round's key, as `answers_submit`
    seals them; only the inserting is in bulk."""

    keys = services.round_keys(checkin.pk)

    def rows():
        for person_id in people:
            leaning = rng.randint(2, 5)
            payload = {
                "kind": services.BALLOT_KIND,
                "scores": {
                    str(pk): min(5, max(1, leaning + rng.choice([-1, 0, 0, 1])))
                    for pk in questions
                },
                "comments": {str(rng.choice(questions)): rng.choice(COMMENTS)}
                if rng.random() < COMMENT_SHARE
                else {},
            }
            sealed = services.answers_seal(
                round_id=checkin.pk, person_id=person_id, payload=payload, keys=keys
            )
            yield Respondent(round=checkin, person_id=person_id, sealed_answers=sealed)

    for chunk in batches(rows(), 1_000):
        Respondent.objects.bulk_create(chunk)
