"""Demo: a stroke priority-setting partnership part-way through (its interim survey is
open), with a couple of hundred submitted questions, a processed long list, suggested
duplicates still to look at, an interim ranking, and two ideas in the sandpit.
Idempotent: it finds the partnership it made before."""

from __future__ import annotations

import random
import uuid
from datetime import timedelta

from django.utils import timezone

from levelfield.collectives.models import Collective
from levelfield.people.models import User
from levelfield.priorities import labelled, services
from levelfield.priorities.models import Idea, Partnership, RespondentKind, Stage
from levelfield.projects.models import Project

TITLE = "Life after stroke: what should research answer first?"
TOPICS = [
    "physiotherapy",
    "speech and language therapy",
    "fatigue",
    "carers' wellbeing",
    "returning to work",
    "sleep",
    "anxiety and low mood",
    "shoulder pain",
    "memory and thinking",
    "driving again",
    "peer support groups",
    "hospital discharge",
    "diet and exercise",
    "arm and hand recovery",
    "eyesight problems",
    "continence care",
    "community rehabilitation",
    "benefits and money advice",
]
TEMPLATES = [
    "Does {t} help recovery after stroke?",
    "What is the best way to provide {t} after a stroke?",
    "How can {t} be improved for stroke survivors and their families?",
    "Is more {t} worth it for people who have had a stroke?",
    "Who benefits most from {t} in the first year after stroke?",
    "What stops people getting {t} after a stroke?",
    "How early should {t} start after stroke?",
    "Does {t} at home work as well as in hospital after stroke?",
    "What do stroke survivors want from {t}?",
    "How should {t} be different for younger stroke survivors?",
]
OUT_OF_SCOPE = [
    "Why was my GP appointment cancelled last week?",
    "Can the hospital car park be cheaper?",
    "What causes migraines in teenagers?",
]
KINDS = (
    [RespondentKind.PATIENT] * 5
    + [RespondentKind.CARER] * 3
    + [RespondentKind.PROFESSIONAL] * 3
    + [RespondentKind.OTHER]
)
# The steering group has grouped every topic; the questions from `labelled` are still to do.


def demo_load(*, collective: Collective, people: dict[str, User]) -> None:
    if Partnership.objects.filter(collective=collective, title=TITLE).exists():
        return
    amara = people["amara"]
    today = timezone.localdate()
    # The steering group logs its time in the collective's stroke project.
    stroke = Project.objects.filter(collective=collective, title__icontains="stroke").first()
    partnership = services.partnership_create(
        collective=collective,
        actor=amara,
        project=stroke,
        title=TITLE,
        scope=(
            "Questions about life after a stroke: recovery, rehabilitation, care at home and "
            "support for carers. Out of scope: preventing a first stroke, and how services "
            "are run day to day."
        ),
    )
    for key in ("maggie", "gordon", "tomasz"):
        services.steering_member_add(partnership=partnership, actor=amara, person=people[key])
    by_topic = _questions(partnership)
    _process(partnership, amara, by_topic)
    partnership = services.partnership_update(
        partnership=partnership,
        actor=amara,
        title=TITLE,
        scope=partnership.scope,
        survey_closes_on=today - timedelta(days=30),
        interim_closes_on=today + timedelta(days=21),
        workshop_on=today + timedelta(days=60),
        shortlist_size=25,
    )
    partnership = services.partnership_stage_set(
        partnership=partnership, actor=amara, stage=Stage.INTERIM
    )
    _interim(partnership)
    _ideas(collective, people)


def _questions(partnership: Partnership) -> dict[str, list]:
    """Submissions of one to three questions each, from every perspective."""
    rng = random.Random(13)  # noqa: S311 - repeatable demo data
    texts: list[tuple[str, str]] = []
    for topic in TOPICS:
        for template in rng.sample(TEMPLATES, 8):
            texts.append((topic, template.format(t=topic)))
    texts += [("labelled", text) for text in labelled.questions()]
    texts += [("aside", text) for text in OUT_OF_SCOPE]
    rng.shuffle(texts)
    by_topic: dict[str, list] = {}
    while texts:
        batch = [texts.pop() for _ in range(min(len(texts), rng.randint(1, 3)))]
        submission, _ = services.survey_submit(
            partnership=partnership,
            token=uuid.uuid4(),
            perspective=rng.choice(KINDS),
            questions=[text for _, text in batch],
            consent=True,
            age_band=rng.choice(["", "35_54", "55_74", "75_plus"]),
        )
        for (topic, _), question in zip(batch, submission.questions.order_by("pk"), strict=True):
            by_topic.setdefault(topic, []).append(question)
    return by_topic


def _process(partnership: Partnership, actor: User, by_topic: dict[str, list]) -> None:
    for topic in TOPICS:
        services.summary_create(
            partnership=partnership,
            actor=actor,
            questions=by_topic[topic],
            text=f"What is the best way to provide {topic} after a stroke, and for whom?",
        )
    for question in by_topic["aside"]:
        services.question_set_aside(
            question=question, actor=actor, reason="Not about life after stroke."
        )
    answered = services.summary_create(
        partnership=partnership,
        actor=actor,
        questions=by_topic["labelled"][:1],
        text="Does eating less salt prevent a second stroke?",
    )
    services.summary_update(
        summary=answered,
        actor=actor,
        text=answered.text,
        status="answered",
        evidence="Cochrane review of salt reduction, doi:10.1002/14651858.CD004937",
    )
    services.pairs_find(partnership=partnership)


def _interim(partnership: Partnership) -> None:
    rng = random.Random(7)  # noqa: S311 - repeatable demo data
    questions = [q.pk for q in services.long_list(partnership)]
    favourites = {
        RespondentKind.PATIENT: questions[:8],
        RespondentKind.CARER: questions[2:10],
        RespondentKind.PROFESSIONAL: questions[4:13],
        RespondentKind.OTHER: questions,
    }
    for kind, count in (
        (RespondentKind.PATIENT, 34),
        (RespondentKind.CARER, 18),
        (RespondentKind.PROFESSIONAL, 26),
        (RespondentKind.OTHER, 4),
    ):
        for _ in range(count):
            liked = favourites[kind]
            picks = set(rng.sample(liked, min(len(liked), rng.randint(3, 7))))
            picks |= set(rng.sample(questions, 3))
            services.interim_submit(
                partnership=partnership,
                token=uuid.uuid4(),
                perspective=kind,
                question_ids=sorted(picks)[:10],
            )


def _ideas(collective: Collective, people: dict[str, User]) -> None:
    if Idea.objects.filter(collective=collective).exists():
        return
    idea = services.idea_create(
        collective=collective,
        actor=people["gordon"],
        title="Stroke cafés run by survivors",
        description="Could monthly cafés run by stroke survivors reduce loneliness in the "
        "first year home? Nobody has tested it properly.",
    )
    services.idea_co_own(idea=idea, actor=people["maggie"])
    services.idea_comment(
        idea=idea,
        actor=people["maggie"],
        text="Carers could come too: they are lonely as well.",
    )
    services.idea_create(
        collective=collective,
        actor=people["priya"],
        title="Apps for speech practice at home",
        description="Do speech practice apps help, and who gets left out by them?",
    )
