"""Priority setting for `manage.py seed_scale`: a national partnership in the network with
50,000 submitted questions at the large size, its survey still open.

Person 0 starts the partnership through `partnership_create` (its project, steering
group and history). The survey's answers are bulk-inserted as `survey_submit` leaves
them: submissions of one to three questions each, and for about a third of them the
demographics and email given with it, sealed on the submission under the survey's own
key at the one fixed size (`EXTRAS_SEALED_SIZE`), exactly as the service seals them,
never written as rows while the survey is open. The steering group has already grouped
two in five questions under 500 summary questions on the long list.
"""

from __future__ import annotations

import random
import uuid

from levelfield.collectives.scale import network
from levelfield.lib.scale import batches, scaled
from levelfield.people.models import User
from levelfield.people.scale import people_in_order
from levelfield.priorities import services
from levelfield.priorities.forms import AGE_BANDS
from levelfield.priorities.models import (
    Partnership,
    RespondentKind,
    Submission,
    SubmittedQuestion,
    SummaryQuestion,
)

QUESTIONS = 50_000
SUMMARIES = 500
GROUPED_SHARE = 0.4
EXTRAS_SHARE = 0.3
TITLE = "Scale priorities: living well with long-term conditions"
TOPICS = ["dementia", "stroke", "diabetes", "loneliness", "young carers", "mental health"]
FRAMES = [
    "Does {a} make {b} worse",
    "What helps people with {a} cope with {b}",
    "How can services for {a} take account of {b}",
    "Would talking therapies help with {a} and {b}",
]
REGIONS = ["North East", "Wales", "London", "Scotland", "South West", "Midlands"]


def scale_partnership() -> Partnership:
    return Partnership.objects.get(collective=network(), title=TITLE)


def _text(rng: random.Random, number: int) -> str:
    a, b = rng.sample(TOPICS, 2)
    return f"{rng.choice(FRAMES).format(a=a, b=b).capitalize()} (asked {number})?"


def scale_seed(*, size: str, rng: random.Random) -> None:
    founder = User.objects.get(pk=people_in_order()[0])
    partnership = services.partnership_create(
        collective=network(),
        actor=founder,
        title=TITLE,
        scope="Questions about living with one or more long-term conditions; not about cures.",
    )
    questions = scaled(size, QUESTIONS, least=250)
    summaries = SummaryQuestion.objects.bulk_create(
        SummaryQuestion(partnership=partnership, text=_text(rng, number), created_by=founder)
        for number in range(scaled(size, SUMMARIES, least=10))
    )
    # One to three questions a submission: how many each of them gave.
    sizes: list[int] = []
    while sum(sizes) < questions:
        sizes.append(min(rng.choice([1, 1, 2, 3]), questions - sum(sizes)))
    keys = services._extras_keys(partnership, create=True)  # the survey's own key
    number = 0
    for chunk in batches(range(len(sizes))):
        submissions = Submission.objects.bulk_create(
            Submission(
                partnership=partnership,
                token=uuid.uuid4(),
                perspective=rng.choice(RespondentKind.values),
                consent=True,
            )
            for _ in chunk
        )
        sealed = []
        for submission in submissions:
            if rng.random() < EXTRAS_SHARE:
                extras = {
                    "age_band": rng.choice(AGE_BANDS)[0],
                    "region": rng.choice(REGIONS),
                    "email": f"answer-{submission.pk}@example.org" if rng.random() < 0.5 else "",
                }
                submission.sealed_extras = keys.seal(
                    submission.pk, extras, size=services.EXTRAS_SEALED_SIZE
                )
                sealed.append(submission)
        Submission.objects.bulk_update(sealed, ["sealed_extras"], batch_size=1_000)
        rows = []
        for index, submission in zip(chunk, submissions, strict=True):
            for _ in range(sizes[index]):
                grouped = rng.random() < GROUPED_SHARE
                rows.append(
                    SubmittedQuestion(
                        partnership=partnership,
                        submission=submission,
                        text=_text(rng, number),
                        summary=rng.choice(summaries) if grouped else None,
                    )
                )
                number += 1
        SubmittedQuestion.objects.bulk_create(rows)
