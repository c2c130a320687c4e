"""Demo data for learning: a short course in Levelfield's own words on what
co-production is, how it differs from engagement, sharing power and paying people
fairly; two people part-way, one finished, one just enrolled; and a learning circle
that has met once, with reflections and the facilitator's themes. The course runs as
two cohorts, whose sessions are events: one finished (attendance, hand-ins with
feedback, five evaluation answers written out so the results show), one starting now
(an assignment due, a hand-in waiting for feedback).

Safe to run again: it finds the course it made before and adds nothing twice.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from levelfield.collectives.models import Collective
from levelfield.events import services as event_services
from levelfield.events.models import EventFormat, Registration
from levelfield.learning import services
from levelfield.learning.models import Circle, CircleSession, Cohort, Course, Module
from levelfield.people.models import User

TITLE = "Co-producing research: the basics"
SUMMARY = (
    "A short course for everyone in the collective: public contributors, carers, "
    "researchers and practitioners. Four modules, about twenty minutes each, with a "
    "question to reflect on after most of them and a live session on sharing power."
)

MODULES = [
    {
        "title": "What co-production is",
        "introduction": "Working as equals on research, from the first idea to its impact.",
        "question": "Think of a project you know. Where were the decisions made, and who "
        "was in the room when they were?",
        "pages": [
            (
                "Working as equals",
                "Co-production means people who use services, carers, researchers and "
                "practitioners doing research **together**, sharing the power to decide.\n\n"
                "Nobody is there to be consulted and then thanked. Everyone brings "
                "expertise: some learned it at university, some learned it living with a "
                "condition or caring for someone who does.\n\n"
                "## What it looks like\n\n"
                "- people are involved from the start, when the question is chosen\n"
                "- decisions are made together, and the record shows who decided\n"
                "- everyone can see what changed because of them",
            ),
            (
                "The principles we hold",
                "Levelfield is named after one principle its users wrote down: "
                "*a level playing field*.\n\n"
                "1. **Power is shared.** Every member can propose, decide and see the records.\n"
                "2. **Everyone has a voice, and we measure it.**\n"
                "3. **Time and space.** Nothing important is decided in a rush.\n"
                "4. **Private by default.** Lived experience is personal: you choose "
                "who sees it.\n"
                "5. **Accessible always.**",
            ),
        ],
    },
    {
        "title": "How co-production differs from engagement",
        "introduction": "Telling people about research, asking their views, and deciding "
        "together are different things.",
        "question": "Which of these have you seen most: informing, consulting, or "
        "deciding together? What would move it one step further?",
        "pages": [
            (
                "From telling to deciding together",
                "**Engagement** shares research with the public: a talk, a newsletter, an "
                "open day. It is valuable, and it is one way.\n\n"
                "**Consultation** asks people what they think. The researchers still decide.\n\n"
                "**Co-production** shares the deciding. Public contributors are members of "
                "the project with the same rights as anyone else.",
            ),
            (
                "Being honest about where you are",
                "Not every project can be fully co-produced, and that is fine if you say so. "
                "What harms trust is calling consultation co-production.\n\n"
                "Ask: *who chose the question? who can change the plan? who sees the results "
                "first?* The answers tell you where you are.",
            ),
        ],
    },
    {
        "title": "Sharing power",
        "introduction": "Power in research sits in money, time, knowledge and language. "
        "Sharing it takes practical steps.",
        "question": "",
        "live_session_title": "Online session: sharing power in practice",
        "pages": [
            (
                "Where power sits",
                "Power sits in who holds the budget, who sets the agenda, who writes the "
                "minutes and who uses words others do not know.\n\n"
                "Sharing it means noticing those things and changing them on purpose.",
            ),
            (
                "Practical ways to share it",
                "- anyone can add to the agenda, and items are not dropped quietly\n"
                "- decisions stay open long enough for people who need time\n"
                "- say who spoke: if only the professionals did, change how you meet\n"
                "- the coordinator is a job, not a rank: it never overrides a decision "
                "made together",
            ),
        ],
    },
    {
        "title": "Paying people fairly",
        "introduction": "People's time and expertise are worth paying for, on time, in a "
        "way that does not put their benefits at risk.",
        "question": "What would make it easier for you, or for people you work with, to "
        "be paid for involvement?",
        "pages": [
            (
                "Why we pay",
                "Paying people recognises that lived experience is expertise. Unpaid "
                "involvement leaves out people who cannot afford to give their time.\n\n"
                "Pay for preparation and travel as well as meetings, and pay expenses "
                "up front when someone asks.",
            ),
            (
                "Paying well in practice",
                "- agree the rate before the work starts, and write it down\n"
                "- offer a choice: money, vouchers, or no payment\n"
                "- some people on benefits need to keep track of what they are paid: "
                "a yearly amount and a clear record help\n"
                "- measure how many days it takes to pay, and make it shorter",
            ),
        ],
    },
]

REFLECTIONS = {
    0: ("In my last project the question was set before any of us joined.", True),
    1: ("Mostly consultation. Asking us before the funding bid would be a step.", False),
    3: ("Being paid on time matters more to me than the rate.", True),
}


def demo_load(*, collective: Collective, people: dict[str, User]) -> None:
    facilitators = [people["maggie"], people["gordon"]]
    course = Course.objects.filter(collective=collective, title=TITLE).first()
    if course is None:
        course = services.course_create(
            collective=collective, actor=facilitators[0], title=TITLE, summary=SUMMARY
        )
        course = services.course_update(
            course=course,
            actor=facilitators[0],
            title=TITLE,
            summary=SUMMARY,
            is_open=True,
            facilitators=facilitators,
        )
    if not course.modules.exists():
        _modules(course, facilitators[0])
    modules = list(Module.objects.filter(course=course).prefetch_related("pages"))
    steps = [(module, page) for module in modules for page in module.pages.all()]
    # Ruth finished; Dev is half-way; Jade has read one page; Sam has just enrolled.
    for key, pages_done in (("ruth", len(steps)), ("dev", 4), ("jade", 1), ("sam", 0)):
        _progress(course, people[key], modules, steps[:pages_done])
    _circle(course, people, facilitators[1], modules)
    _cohorts(course, people, facilitators)


def _modules(course: Course, actor: User) -> None:
    session_at = timezone.localtime().replace(hour=18, minute=0, second=0, microsecond=0)
    for spec in MODULES:
        module = services.module_save(
            course=course,
            actor=actor,
            title=spec["title"],
            introduction=spec["introduction"],
            question=spec["question"],
            live_session_title=spec.get("live_session_title", ""),
            live_session_starts_at=(
                session_at + datetime.timedelta(days=14)
                if spec.get("live_session_title")
                else None
            ),
        )
        for title, body in spec["pages"]:
            services.page_save(module=module, actor=actor, title=title, body=body)


def _progress(
    course: Course, person: User, modules: list[Module], steps: list[tuple[Module, object]]
) -> None:
    enrolment = services.enrolment_create(course=course, person=person)
    for _module, page in steps:
        services.page_mark_done(enrolment=enrolment, page=page)
    finished = {module.pk for module in modules} - {
        module.pk
        for module in modules
        for page in module.pages.all()
        if (module, page) not in steps
    }
    for index, module in enumerate(modules):
        if module.question and module.pk in finished and index in REFLECTIONS:
            text, shared = REFLECTIONS[index]
            services.reflection_save(
                enrolment=enrolment, module=module, text=text, shared_with_facilitators=shared
            )
        elif module.question and module.pk in finished:
            services.reflection_save(
                enrolment=enrolment,
                module=module,
                text="Asking earlier, and saying honestly what we can change.",
                shared_with_facilitators=False,
            )


def _circle(
    course: Course, people: dict[str, User], facilitator: User, modules: list[Module]
) -> None:
    circle, _ = Circle.objects.get_or_create(course=course, name="Wednesday evening circle")
    for key in ("ruth", "dev", "jade"):
        services.circle_join(circle=circle, person=people[key])
    session = CircleSession.objects.filter(circle=circle).first()
    if session is None:
        session = services.circle_session_create(
            circle=circle,
            actor=facilitator,
            title="After “How co-production differs from engagement”",
            held_on=timezone.localdate() - datetime.timedelta(days=3),
            module=modules[1],
        )
    for key, text in (
        (
            "ruth",
            "I realised most of what I have done was consultation, and that is OK if we say so.",
        ),
        ("dev", "As a researcher I want to bring people in before the bid, not after."),
    ):
        services.circle_post_save(session=session, person=people[key], text=text)
    if not session.themes:
        services.circle_themes_save(
            session=session,
            actor=facilitator,
            themes="Being honest about how much say people really have.\n"
            "Involving people earlier, before the funding bid is written.",
        )


# Cohorts: one that ran this spring (with hand-ins, feedback and its evaluation written
# out) and one starting this week (an assignment due, a hand-in waiting for feedback).

PAST_COHORT = "Spring cohort, Tuesday evenings"
CURRENT_COHORT = "Winter cohort, Thursday mornings"
EVALUATIONS = [
    (5, 5, "Hearing how others share power in their projects.", ""),
    (4, 5, "The learning circle after each session.", "More time for questions."),
    (4, 4, "", "Send the papers a week before, please."),
    (5, 4, "Being paid for my time on the course.", ""),
    (3, 4, "The module on paying people fairly.", "Shorter sessions, with a break."),
]


def _cohorts(course: Course, people: dict[str, User], facilitators: list[User]) -> None:
    now = timezone.now()
    if not Cohort.objects.filter(course=course, title=PAST_COHORT).exists():
        _past_cohort(course, people, facilitators, now)
    if not Cohort.objects.filter(course=course, title=CURRENT_COHORT).exists():
        _current_cohort(course, people, facilitators, now)


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour=hour)))


def _past_cohort(
    course: Course, people: dict[str, User], facilitators: list[User], now: datetime.datetime
) -> None:
    """Six weekly sessions that ended three weeks ago: everyone joined before the first,
    came to the first two (attendance in the involvement log), handed in an assignment
    that got feedback, and five answered the evaluation, now written out."""
    first_day = timezone.localdate(now) - datetime.timedelta(weeks=8)
    first = _at(first_day, 18)
    before = first - datetime.timedelta(days=7)
    cohort = services.cohort_create(
        course=course,
        actor=facilitators[0],
        title=PAST_COHORT,
        ends_on=first_day + datetime.timedelta(weeks=5),
        facilitators=facilitators[1:],
        dates=services.CohortDates(
            first_starts_at=first,
            first_ends_at=first + datetime.timedelta(minutes=90),
            repeat="weekly",
        ),
        now=before,
    )
    keys = ("ruth", "dev", "tomasz", "amara", "helen", "jade")
    for key in keys:
        services.cohort_join(cohort=cohort, person=people[key], now=before)
    for event in list(services.cohort_events(cohort))[:2]:
        came = Registration.objects.filter(event=event, person__in=[people[k] for k in keys[:5]])
        event_services.attendance_record(
            event=event,
            actor=facilitators[0],
            attended=list(came.values_list("pk", flat=True)),
            now=event.ends_at,
        )
    assignment = services.assignment_save(
        cohort=cohort,
        actor=facilitators[0],
        title="Who decides in a project you know?",
        instructions="Pick a project you know. Write a few lines, or draw a map, of who "
        "made its main decisions and who was in the room.\n\n- who chose the question?\n"
        "- who could change the plan?",
        due_on=first_day + datetime.timedelta(weeks=2),
        now=before,
    )
    hand_ins = {
        "ruth": "The question was set by the funder before any of us joined.",
        "dev": "Our team decided; the advisory group was asked afterwards.",
        "tomasz": "The clinic's managers chose what to measure.",
    }
    for key, text in hand_ins.items():
        hand_in = services.hand_in_save(
            assignment=assignment,
            person=people[key],
            text=text,
            now=first + datetime.timedelta(days=10),
        )
        services.hand_in_feedback(
            hand_in=hand_in,
            actor=facilitators[1],
            feedback="Thank you: a clear picture. Next time, ask who was not in the room.",
            now=first + datetime.timedelta(days=12),
        )
    last_day = _at(cohort.ends_on, 20)
    for key, (useful, heard, best, change) in zip(keys, EVALUATIONS, strict=False):
        services.evaluation_give(
            cohort=cohort,
            person=people[key],
            useful=useful,
            heard=heard,
            best=best,
            change=change,
            now=last_day,
        )
    services.cohort_evaluation_write_out(cohort=cohort, now=now)


def _current_cohort(
    course: Course, people: dict[str, User], facilitators: list[User], now: datetime.datetime
) -> None:
    """Six weekly sessions from the day after tomorrow; an assignment due in four days
    that Sam has handed in (waiting for feedback) and Jade has still to do."""
    first = _at(timezone.localdate(now) + datetime.timedelta(days=2), 10)
    cohort = services.cohort_create(
        course=course,
        actor=facilitators[1],
        title=CURRENT_COHORT,
        ends_on=timezone.localdate(first) + datetime.timedelta(weeks=5),
        facilitators=facilitators[:1],
        dates=services.CohortDates(
            first_starts_at=first,
            first_ends_at=first + datetime.timedelta(minutes=90),
            repeat="weekly",
            format=EventFormat.ONLINE,
            joining_link="https://meet.example.org/co-production-course",
        ),
    )
    for key in ("jade", "sam", "leah", "ade"):
        services.cohort_join(cohort=cohort, person=people[key])
    assignment = services.assignment_save(
        cohort=cohort,
        actor=facilitators[1],
        title="Engagement or co-production?",
        instructions="Think of a piece of research you have been part of, or read about. "
        "Was it engagement, consultation or co-production? Say why in a few sentences.",
        due_on=timezone.localdate(now) + datetime.timedelta(days=4),
    )
    services.hand_in_save(
        assignment=assignment,
        person=people["sam"],
        text="Consultation: we asked a panel once, after the design was fixed.",
    )
