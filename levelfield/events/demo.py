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
    MaterialAudience,
    MaterialKind,
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
    last_past: Event | None = None
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
            last_past = occurrence
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

    if last_past is not None:
        _meeting_record(last_past, organiser, comers)


def tiny_pdf(lines: list[str]) -> bytes:
    """A small, valid one-page PDF showing `lines` (for demo slides and papers), made
    here so the demo needs no files and the upload check reads a real PDF."""
    text = "\n".join(
        f"BT /F1 {24 if number == 0 else 14} Tf 60 {740 - number * 40} Td ({line}) Tj ET"
        for number, line in enumerate(
            line.replace("\\", "").replace("(", "").replace(")", "") for line in lines
        )
    ).encode("latin-1", "replace")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(text), text),
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def _meeting_record(event: Event, organiser: User, comers: list[User]) -> None:
    """The last Cuppa's slides and easy read version, someone who walked in (a member
    and a guest), minutes with a comment, agreed, and two breakout groups' themes."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from levelfield.places.access import place_member_ids

    after = event.ends_at + datetime.timedelta(minutes=30)
    for title, kind, name, lines in (
        (
            "Slides: getting home after hospital",
            MaterialKind.SLIDES,
            "cuppa-slides.pdf",
            ["Getting home after hospital", "What the projects found", "What is next"],
        ),
        (
            "Easy read: what we talked about",
            MaterialKind.EASY_READ,
            "cuppa-easy-read.pdf",
            ["What we talked about", "Going home from hospital can be hard.", "We want to help."],
        ),
    ):
        services.material_add(
            event=event,
            actor=organiser,
            upload=SimpleUploadedFile(name, tiny_pdf(lines), content_type="application/pdf"),
            title=title,
            kind=kind,
            visible_to=MaterialAudience.EVENT,
            now=after,
        )
    booked = event.registrations.filter(person__isnull=False).values("person_id")
    walker = (
        User.objects.filter(pk__in=place_member_ids(event.place))
        .exclude(pk__in=booked)
        .exclude(pk=organiser.pk)
        .order_by("pk")
        .first()
    )
    if walker is not None:
        services.walk_in_add(event=event, actor=organiser, person=walker, now=after)
    services.walk_in_add(event=event, actor=organiser, guest_name="Chris (a guest)", now=after)
    services.minutes_save(
        event=event,
        actor=organiser,
        text="## Present\n\nThe people who came, and two who walked in.\n\n"
        "## What we talked about\n\n- Getting home after hospital: transport and "
        "**who to call** in the first week\n- Making research meetings friendlier\n\n"
        "## Actions\n\n- Amara to ask the projects for an easy read summary",
        now=after,
    )
    if comers:
        services.minutes_comment(
            event=event,
            person=comers[0],
            text="Please add that the phone line closes at 5pm on Fridays.",
            now=after + datetime.timedelta(days=1),
        )
    services.minutes_agree(event=event, actor=organiser, now=after + datetime.timedelta(days=3))
    for name, themes in (
        ("Table 1", "Transport home is hard to arrange\nNobody explains the discharge letter"),
        ("Online group", "A named person to call\nPlain words in letters"),
    ):
        services.breakout_record(
            event=event, actor=organiser, name=name, themes=themes, now=event.ends_at
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
