"""Priority setting at data scale: a partnership with 5,000 submitted questions (the
largest partnerships gather several thousand), 250 summary questions on the long list
and 3,000 interim answers; and the background suggestion of similar questions for those
5,000 (the issue's bar: under a minute).

Run by bench/run.py inside a throwaway database. Rows are bulk-inserted (the services,
with their history, would measure the set-up). Each page is also fetched for a
partnership with a handful of rows, so the table shows the number of queries does not
grow with the data.
"""

from __future__ import annotations

import random
import time
import uuid

from bench_common import Row
from bench_django import time_page
from bench_pages import _row, _shows, logged_in, people_add
from django.test import Client
from django.urls import reverse

from levelfield.collectives.models import CollectiveKind
from levelfield.collectives.services import collective_create
from levelfield.priorities import services
from levelfield.priorities.models import (
    InterimBallot,
    InterimChoice,
    Partnership,
    RespondentKind,
    Stage,
    Submission,
    SubmittedQuestion,
    SummaryQuestion,
)

QUESTIONS = 5_000
SUMMARIES = 250
BALLOTS = 3_000
FEW = 5
SEED = 20_261_213
TOPICS = (  # noqa: SIM905
    "physiotherapy speech fatigue carers work sleep anxiety mood pain memory driving "
    "discharge diet exercise arm hand eyesight continence rehabilitation benefits "
    "money swallowing walking balance falls loneliness confidence medication blood "
    "pressure aphasia vision spasticity botox splints wheelchairs housing respite "
    "counselling "
).split()
FRAMES = (
    "does {a} help with {b} after stroke",
    "what is the best way to manage {a} and {b}",
    "how can {a} services support people with {b}",
    "is {a} better than {b} for stroke survivors",
    "why do people struggle with {a} when they have {b}",
    "who should provide {a} for people living with {b}",
)


SYLLABLES = "ba ce di fo gu ha je ki lo mu na pe ri so tu va we xi yo zu".split()  # noqa: SIM905
# People write in their own words: about 3,000 other words, three in each question.
VOCABULARY = sorted({"".join(random.Random(n).sample(SYLLABLES, 3)) for n in range(3_000)})


def _text(rng: random.Random) -> str:
    a, b = rng.sample(TOPICS, 2)
    extra = " ".join(rng.sample(VOCABULARY, 3))
    return rng.choice(FRAMES).format(a=a, b=b).capitalize() + f", {extra}?"


def _partnership_make(
    prefix: str, questions: int, rng: random.Random
) -> tuple[Partnership, object]:
    person = people_add(prefix, 1, rng)[0]
    collective = collective_create(
        name=f"Bench priorities {prefix}",
        kind=CollectiveKind.COLLECTIVE,
        description="People timing priority setting.",
        created_by=person,
    )
    partnership = services.partnership_create(
        collective=collective, actor=person, title=f"Bench {prefix}", scope="Anything."
    )
    submissions = Submission.objects.bulk_create(
        [
            Submission(
                partnership=partnership,
                token=uuid.uuid4(),
                perspective=rng.choice(RespondentKind.values),
                consent=True,
            )
            for _ in range((questions + 1) // 2)
        ],
        batch_size=1_000,
    )
    summaries = SummaryQuestion.objects.bulk_create(
        [
            SummaryQuestion(partnership=partnership, text=_text(rng))
            for _ in range(max(1, min(SUMMARIES, questions // 20)))
        ]
    )
    rows = []
    for number in range(questions):
        grouped = number < questions * 0.4
        rows.append(
            SubmittedQuestion(
                partnership=partnership,
                submission=submissions[number // 2],
                text=_text(rng),
                summary=summaries[number % len(summaries)] if grouped else None,
            )
        )
    SubmittedQuestion.objects.bulk_create(rows, batch_size=1_000)
    ballots = InterimBallot.objects.bulk_create(
        [
            InterimBallot(partnership=partnership, perspective=rng.choice(RespondentKind.values))
            for _ in range(min(BALLOTS, questions))
        ],
        batch_size=1_000,
    )
    InterimChoice.objects.bulk_create(
        [
            InterimChoice(ballot=ballot, question=question)
            for ballot in ballots
            for question in rng.sample(summaries, min(10, len(summaries)))
        ],
        batch_size=5_000,
    )
    Partnership.objects.filter(pk=partnership.pk).update(stage=Stage.INTERIM)
    return partnership, logged_in(person)


def priority_pages() -> list[Row]:
    rng = random.Random(SEED)
    big, member = _partnership_make("big", QUESTIONS, rng)
    small, few_member = _partnership_make("few", FEW, rng)
    rows = []
    for label, name, text in [
        ("priorities:partnership", "partnership", "Who is answering"),
        ("priorities:submissions, first page", "submissions", "Submitted questions"),
        ("priorities:long_list", "long_list", "On the long list"),
        ("priorities:interim_results", "interim_results", "Combined"),
        ("priorities:suggestions", "suggestions", "Suggested duplicates"),
    ]:
        rows.append(
            _row(
                label,
                QUESTIONS,
                time_page(
                    member, reverse(f"priorities:{name}", args=[big.pk]), check=_shows(text)
                ),
                time_page(
                    few_member, reverse(f"priorities:{name}", args=[small.pk]), check=_shows(text)
                ),
            )
        )
    interim = time_page(
        Client(), reverse("priorities:interim", args=[big.survey_token]), check=_shows("top 10")
    )
    rows.append(_row("priorities:interim (public, 250 questions)", QUESTIONS, interim, None))
    started = time.perf_counter()
    suggested = services.pairs_find(partnership=big)
    seconds = time.perf_counter() - started
    rows.append(
        Row(f"similar-question suggestions ({suggested:,} pairs)", QUESTIONS, seconds * 1000)
    )
    return rows
