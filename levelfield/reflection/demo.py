"""Demo check-ins: two completed rounds in the collective with a trend and a perception
gap, one open round, a completed round in the stroke project for its evidence view, and
an open round in the Allies Group with too few answers yet for results to show.

Made through the services, like real answers (sealed, then written out unlinked).
Safe to run again: a round that already exists is left alone.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.utils import timezone

from levelfield.collectives.models import Collective
from levelfield.people.models import User
from levelfield.places.access import collective_place
from levelfield.places.models import Place, PlaceKind
from levelfield.reflection import services
from levelfield.reflection.models import CheckInRound, Question, QuestionSet, QuestionSetVersion
from levelfield.reflection.questions import SHARING_POWER, builtin_sets_install

PUBLIC = ("dev", "maggie", "gordon", "jade", "ruth")
PROFESSIONALS = ("amara", "tomasz", "sam", "priya", "helen")

# (title, days ago it opened, days it stayed open, public's and professionals' usual
# score, how far public contributors mark down "Sharing power", actions agreed after it)
COLLECTIVE_ROUNDS = [
    (
        "Spring check-in",
        230,
        14,
        (3, 4),
        2,
        [
            (SHARING_POWER, "We will take turns to chair the collective’s meetings."),
            ("", "Papers go out a week before every meeting, in plain English."),
        ],
    ),
    (
        "Autumn check-in",
        50,
        14,
        (4, 4),
        1,
        [(SHARING_POWER, "Public contributors set half of each meeting’s agenda.")],
    ),
]


WINTER = "Winter check-in"

# The five principles' questions in easy read, by position. Levelfield's own questions
# come without easy-read words; the demo writes them as a team would, so the Winter
# check-in's form can be read in easy read.
EASY_READ = {
    1: "Everyone in the team has a say.",
    2: "We make decisions together.",
    3: "People the research is about are in the team.",
    4: "We use what everyone is good at.",
    5: "What you know from your life matters.",
    6: "Everyone gets something back.",
    7: "We know each other. We can speak freely.",
    8: "We keep in touch between meetings.",
}


def _easy_read_words(version: QuestionSetVersion) -> None:
    """Fill in the easy-read words of questions that have none yet (safe to run again)."""
    for question in Question.objects.filter(version=version, easy_read_text=""):
        words = EASY_READ.get(question.position)
        if words:
            question.easy_read_text = words
            question.save(update_fields=["easy_read_text"])


def demo_load(*, collective: Collective, people: dict[str, User]) -> None:
    builtin_sets_install(QuestionSet, QuestionSetVersion, Question)
    version = QuestionSetVersion.objects.get(
        question_set__collective=None, question_set__key="principles", number=1
    )
    now = timezone.now()
    home = collective_place(collective.pk)
    for title, days_ago, days_open, usual, marked_down, actions in COLLECTIVE_ROUNDS:
        opens = now - timedelta(days=days_ago)
        checkin = _round(home, version, title, opens, days_open, people["amara"])
        if checkin is None:
            continue
        _answer(checkin, people, PUBLIC, usual[0], marked_down, opens)
        _answer(checkin, people, PROFESSIONALS, usual[1], 0, opens)
        services.round_close(checkin=checkin, now=checkin.closes_at + timedelta(minutes=5))
        for theme, text in actions:
            services.action_record(
                checkin=checkin,
                person=people["maggie"],
                text=text,
                theme=theme,
                now=checkin.closes_at + timedelta(days=2),
            )
    _easy_read_words(version)
    current = _round(home, version, WINTER, now - timedelta(days=2), 12, people["priya"])
    if current is not None:
        _answer(current, people, ("gordon", "sam", "jade"), 4, 1, current.opens_at)
    _project_round(people, now)
    _group_round(collective, people, now)


def _group_round(collective: Collective, people: dict[str, User], now: datetime) -> None:
    """The Allies Group's own check-in, open, with three answers so far: fewer than the
    five results need, so the group sees how many answered and nothing else yet. The group
    meets online as well as in the library, so it asks the four short questions about
    working together remotely (tests/browser/test_eight_tasks.py answers them)."""
    version = QuestionSetVersion.objects.get(
        question_set__collective=None, question_set__key="remote", number=1
    )
    group = Place.objects.filter(
        collective=collective, kind=PlaceKind.GROUP, group_name="Allies Group"
    ).first()
    if group is None:
        return
    opens = now - timedelta(days=3)
    checkin = _round(group, version, "Allies Group check-in", opens, 14, people["gordon"])
    if checkin is not None:
        _answer(checkin, people, ("maggie", "leah", "dev"), 4, 1, opens)


def _project_round(people: dict[str, User], now: datetime) -> None:
    place = Place.objects.filter(project__title="Getting home well after a stroke").first()
    if place is None:
        return
    version = QuestionSetVersion.objects.get(
        question_set__collective=None, question_set__key="standards", number=1
    )
    opens = now - timedelta(days=40)
    checkin = _round(place, version, "Stroke project check-in", opens, 10, people["amara"])
    if checkin is None:
        return
    _answer(checkin, people, ("maggie", "gordon", "dev"), 3, 1, opens)
    _answer(checkin, people, ("amara", "tomasz", "leah"), 4, 0, opens)
    services.round_close(checkin=checkin, now=checkin.closes_at + timedelta(minutes=5))
    services.action_record(
        checkin=checkin,
        person=people["gordon"],
        text="Each meeting ends with “what changed because of what we said?”",
        theme="Impact",
        now=checkin.closes_at + timedelta(days=1),
    )


def _round(
    place: Place,
    version: QuestionSetVersion,
    title: str,
    opens: datetime,
    days_open: int,
    person: User,
) -> CheckInRound | None:
    """A new round, or None if the demo made it before."""
    if CheckInRound.objects.in_place(place).filter(title=title).exists():
        return None
    return services.round_open(
        person=person,
        place=place,
        version=version,
        title=title,
        opens_at=opens,
        closes_at=opens + timedelta(days=days_open),
        now=opens,
    )


def _answer(
    checkin: CheckInRound,
    people: dict[str, User],
    keys: tuple[str, ...],
    usual: int,
    marked_down: int,
    opens: datetime,
) -> None:
    questions = list(Question.objects.filter(version_id=checkin.version_id))
    for index, key in enumerate(keys):
        scores = {}
        for question in questions:
            # A little spread between people, never past the ends of the scale.
            score = usual + (index + question.position) % 3 - 1
            if question.theme == SHARING_POWER:
                score -= marked_down
            scores[question.pk] = max(1, min(5, score))
        comments = {}
        if key in ("dev", "gordon") and questions:
            comments[questions[0].pk] = (
                "Decisions still feel made before we arrive."
                if key == "dev"
                else "Better than last year: we are asked earlier now."
            )
        services.answers_submit(
            checkin=checkin,
            person=people[key],
            scores=scores,
            comments=comments,
            now=opens + timedelta(days=1, hours=index),
        )
