"""Demo events: the collective's monthly Co-Pro Cuppa (past dates with attendance,
notes and feedback; future dates with places taken), a project workshop with an
agenda people added to, and the Young People's Advisory Group's meetings (a past one
whose attendance is in the group's log, ready to claim, and one to come to book).
Safe to run twice: it does nothing if the Cuppa exists."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

from django.utils import timezone

from levelfield.collectives.models import Collective
from levelfield.events import recurrence, services
from levelfield.events.models import (
    AgendaStatus,
    Audience,
    Event,
    EventFormat,
    EventKind,
)
from levelfield.people.models import PerspectiveKind, User
from levelfield.places.access import collective_place, place_members
from levelfield.places.models import Place, PlaceKind
from levelfield.projects.models import Project, Stage

CUPPA = "Co-Pro Cuppa"
YOUNG_PEOPLE = "Young People's Advisory Group"
LONDON = ZoneInfo("Europe/London")
COMMENTS = [
    "Lovely to hear from people who have been through it.",
    "I felt listened to, even as a first-timer.",
    "Some of the research words lost me; a glossary would help.",
    "",
    "Good chat, more time for questions next time please.",
]


def _first_monday(year: int, month: int) -> datetime.date:
    day = datetime.date(year, month, 1)
    return day + datetime.timedelta(days=(7 - day.weekday()) % 7)


def _perspective(person: User) -> str:
    first = person.perspectives.first()
    return first.kind if first else ""


def demo_load(*, collective: Collective, people: dict[str, User]) -> None:
    if Event.objects.in_collective(collective.pk).filter(title=CUPPA).exists():
        return
    now = timezone.now()
    _cuppa(collective_place(collective.pk), people, now)
    project = Project.objects.filter(collective=collective).order_by("pk").first()
    if project is not None:
        _workshop(project.place, people, now)
    group = Place.objects.filter(
        collective=collective, kind=PlaceKind.GROUP, group_name=YOUNG_PEOPLE
    ).first()
    if group is not None:
        _group_meetings(group, now)


def _cuppa(collective: Place, people: dict[str, User], now: datetime.datetime) -> None:
    today = timezone.localdate()
    month, year = today.month - 3, today.year
    if month < 1:
        month, year = month + 12, year - 1
    first = recurrence.at_local_time(_first_monday(year, month), datetime.time(10), LONDON)
    organiser = people["amara"]
    event = services.event_create(
        place=collective,
        actor=organiser,
        values={
            "title": CUPPA,
            "description": "An open conversation about research and care, over a cuppa. "
            "**Everyone is welcome**: no experience needed, cameras optional.\n\n"
            "- Hear what projects are doing\n- Share what matters to you\n- Meet people",
            "kind": EventKind.CUPPA,
            "format": EventFormat.ONLINE,
            "timezone_name": "Europe/London",
            "audience": Audience.ANYONE,
            "joining_link": "https://meet.example.org/copro-cuppa",
            "capacity": 12,
            "perspective_caps": {PerspectiveKind.RESEARCHER: 3},
            "topics": "co-production, getting involved",
            "paid": True,
            "preparation_minutes": 0,
            "reminder_hours": [48, 2],
            "starts_at": first,
            "ends_at": first + datetime.timedelta(minutes=90),
        },
        organisers=[people["ruth"]] if "ruth" in people else [],
        repeat=recurrence.Repeat.MONTHLY_WEEKDAY,
        now=now,
    )
    keys = ["dev", "maggie", "jade", "sam", "priya", "leah", "gordon", "ade"]
    comers = [people[key] for key in keys if key in people]
    for occurrence in Event.objects.filter(series=event.series).order_by("starts_at"):
        before = occurrence.starts_at - datetime.timedelta(days=3)
        if occurrence.starts_at < now:
            for person in comers:
                services.registration_create(
                    event=occurrence, person=person, perspective=_perspective(person), now=before
                )
            services.registration_create(
                event=occurrence,
                guest_name="Pat (a guest)",
                guest_email="pat@example.org",
                now=before,
            )
            came = list(occurrence.registrations.registered().values_list("pk", flat=True))[:-2]
            services.attendance_record(
                event=occurrence, actor=organiser, attended=came, now=occurrence.ends_at
            )
            services.event_notes_publish(
                event=occurrence,
                actor=organiser,
                notes="We talked about **getting home after hospital** and how to make "
                "research meetings friendlier.\n\n- Slides: https://example.org/slides\n"
                "- Next time: paying people for their time",
                now=occurrence.ends_at,
            )
            for number, registration in enumerate(
                occurrence.registrations.filter(attended=True)[:5]
            ):
                services.feedback_give(
                    registration=registration,
                    heard=[5, 4, 5, 3, 4][number],
                    comment=COMMENTS[number],
                    now=occurrence.ends_at,
                )
            # Written out as the due run does once feedback closes (sealed until then).
            services.feedback_write_out(event=occurrence, now=occurrence.feedback_closes_at)
        elif occurrence.starts_at < now + datetime.timedelta(days=40):
            for person in comers[:4]:
                services.registration_create(
                    event=occurrence,
                    person=person,
                    perspective=_perspective(person),
                    access_need_kinds=["captions"] if person is comers[0] else [],
                    share_access_needs=person is comers[0],
                    now=now,
                )


def _workshop(project: Place, people: dict[str, User], now: datetime.datetime) -> None:
    members = place_members(project)
    if not members:
        return
    organiser = members[0]
    start = recurrence.at_local_time(
        timezone.localdate() + datetime.timedelta(days=16), datetime.time(13, 30), LONDON
    )
    event = services.event_create(
        place=project,
        actor=organiser,
        values={
            "title": "Interview questions workshop",
            "description": "Together we will shape the questions for the interviews with "
            "people going home after a stroke.",
            "kind": EventKind.WORKSHOP,
            "format": EventFormat.HYBRID,
            "timezone_name": "Europe/London",
            "audience": Audience.MEMBERS,
            "joining_link": "https://meet.example.org/interview-workshop",
            "venue_name": "Community Hall, Room 2",
            "venue_address": "12 High Street, Leeds LS1 1AA",
            "step_free": True,
            "hearing_loop": True,
            "accessible_toilets": True,
            "stage": Stage.DESIGN,
            "capacity": 10,
            "paid": True,
            "preparation_minutes": 30,
            "reminder_hours": [48, 2],
            "starts_at": start,
            "ends_at": start + datetime.timedelta(hours=2),
        },
        now=now,
    )
    for person in members:
        services.registration_create(
            event=event, person=person, perspective=_perspective(person), now=now
        )
    items = [
        ("Do the questions use plain English?", "Some words, like 'discharge', confuse people."),
        ("How long should an interview be?", ""),
        ("Should carers be interviewed too?", "Carers see the first weeks at home up close."),
    ]
    proposed = []
    for number, (title, detail) in enumerate(items):
        proposer = members[(number + 1) % len(members)]
        proposed.append(
            services.agenda_item_propose(
                event=event, person=proposer, title=title, detail=detail, now=now
            )
        )
    for person in members[:3]:
        if not proposed[0].supports.filter(person=person).exists():
            services.agenda_support_toggle(item=proposed[0], person=person, now=now)
    services.agenda_arrange(
        event=event,
        actor=organiser,
        choices=[
            services.AgendaChoice(proposed[0], AgendaStatus.TAKEN, 1, "Most supported."),
            services.AgendaChoice(proposed[2], AgendaStatus.TAKEN, 2, "Raised by a carer."),
            services.AgendaChoice(
                proposed[1], AgendaStatus.NOT_TAKEN, 3, "The ethics approval already sets it."
            ),
        ],
    )


def _group_meetings(group: Place, now: datetime.datetime) -> None:
    """The Young People's Advisory Group meets in its own place: a past meeting whose
    attendance is in the group's log (so its members can claim the time) and one to come
    that only the group's members see and book."""
    members = place_members(group)
    if not members:
        return
    organiser = members[0]
    base = {
        "description": "The group's monthly meeting: we advise the collective's projects on "
        "what matters to young people and how to reach them.",
        "kind": EventKind.MEETING,
        "format": EventFormat.HYBRID,
        "timezone_name": "Europe/London",
        "audience": Audience.MEMBERS,
        "joining_link": "https://meet.example.org/young-people",
        "venue_name": "Central Library, Youth Room",
        "venue_address": "1 Library Square, Leeds LS1 2AB",
        "step_free": True,
        "quiet_room": True,
        "capacity": 12,
        "paid": True,
        "preparation_minutes": 30,
        "reminder_hours": [48, 2],
    }
    past_start = recurrence.at_local_time(
        timezone.localdate() - datetime.timedelta(days=9), datetime.time(17), LONDON
    )
    past = services.event_create(
        place=group,
        actor=organiser,
        values=base
        | {
            "title": "Young People's Advisory Group: making research invitations work for us",
            "starts_at": past_start,
            "ends_at": past_start + datetime.timedelta(minutes=90),
        },
        now=past_start - datetime.timedelta(days=10),
    )
    before = past_start - datetime.timedelta(days=3)
    for person in members:
        services.registration_create(
            event=past, person=person, perspective=_perspective(person), now=before
        )
    services.attendance_record(
        event=past,
        actor=organiser,
        attended=list(past.registrations.registered().values_list("pk", flat=True)),
        now=past.ends_at,
    )
    services.event_notes_publish(
        event=past,
        actor=organiser,
        notes="We rewrote the invitation to the young carers' study in our own words and "
        "asked for it to be sent by text message as well as email.",
        now=past.ends_at,
    )
    next_start = recurrence.at_local_time(
        timezone.localdate() + datetime.timedelta(days=21), datetime.time(17), LONDON
    )
    upcoming = services.event_create(
        place=group,
        actor=organiser,
        values=base
        | {
            "title": "Young People's Advisory Group: next meeting",
            "starts_at": next_start,
            "ends_at": next_start + datetime.timedelta(minutes=90),
        },
        now=now,
    )
    services.registration_create(
        event=upcoming, person=organiser, perspective=_perspective(organiser), now=now
    )
