"""Events filled with data for the browser sweep (tests/browser/test_pages_events.py):
every events page a member, an organiser and a visitor can open."""

from __future__ import annotations

import datetime
from typing import Any

from django.urls import reverse
from django.utils import timezone

from levelfield.collectives.tests.factories import CollectiveMembershipFactory
from levelfield.events import access, recurrence, services
from levelfield.events.models import Audience, Event, EventFormat
from levelfield.events.tests.conftest import event_values
from levelfield.people.tests.factories import UserFactory
from levelfield.places.access import collective_place


def events_world(*, member: Any, teammate: Any, collective: Any, project: Any) -> dict:
    """`member` organises a hybrid project workshop (with places, a waiting list, access
    needs and an agenda), a monthly public Cuppa series with a guest, and a past meeting
    with attendance, notes and feedback from 5 people."""
    start = (timezone.now() + datetime.timedelta(days=10)).replace(second=0, microsecond=0)
    workshop = services.event_create(
        place=project.place,
        actor=member,
        values=event_values(
            title="Interview questions workshop",
            description="We will **shape the questions** together.\n\n- Read the draft",
            format=EventFormat.HYBRID,
            venue_name="Community Hall",
            venue_address="12 High Street",
            step_free=True,
            hearing_loop=True,
            audience=Audience.MEMBERS,
            capacity=1,
            preparation_minutes=30,
            paid=True,
            starts_at=start,
            ends_at=start + datetime.timedelta(hours=2),
        ),
    )
    services.registration_create(
        event=workshop,
        person=member,
        perspective="lived_experience",
        access_need_kinds=["captions"],
        access_needs="Step-free, please",
        share_access_needs=True,
    )
    services.registration_create(event=workshop, person=teammate, perspective="researcher")
    item = services.agenda_item_propose(event=workshop, person=member, title="Plain English")
    services.agenda_item_propose(event=workshop, person=member, title="Interview length")
    services.agenda_arrange(
        event=workshop,
        actor=member,
        choices=[services.AgendaChoice(item, "taken", 1, "Everyone asked for it.")],
    )
    cuppa = services.event_create(
        place=collective_place(collective.pk),
        actor=member,
        values=event_values(audience=Audience.ANYONE, capacity=12),
        repeat=recurrence.Repeat.MONTHLY_WEEKDAY,
    )
    guest = services.registration_create(
        event=cuppa, guest_name="Pat", guest_email="pat@example.org"
    )
    past = services.event_create(
        place=collective_place(collective.pk),
        actor=member,
        values=event_values(title="Last month's meeting"),
    )
    people = [member]
    for number in range(5):
        person = UserFactory(display_name=f"Attendee {number}")
        CollectiveMembershipFactory(collective=collective, person=person)
        people.append(person)
    Event.objects.filter(pk=past.pk).update(capacity=10)
    past.refresh_from_db()
    registrations = [
        services.registration_create(event=past, person=person, perspective="carer")
        for person in people
    ]
    ended = timezone.now() - datetime.timedelta(days=1)
    Event.objects.filter(pk=past.pk).update(
        starts_at=ended - datetime.timedelta(hours=1, minutes=30), ends_at=ended
    )
    past.refresh_from_db()
    services.attendance_record(event=past, actor=member, attended=[r.pk for r in registrations])
    services.event_notes_publish(event=past, actor=member, notes="We agreed **more breaks**.")
    for registration in registrations[1:]:
        services.feedback_give(registration=registration, heard=4, comment="Good.")
    services.feedback_write_out(event=past, now=past.feedback_closes_at)
    return {
        "workshop": workshop,
        "cuppa": cuppa,
        "past": past,
        "guest_token": access.guest_token(guest),
    }


def event_member_pages(world: dict) -> list[str]:
    events = world["events"]
    workshop, cuppa, past = events["workshop"].pk, events["cuppa"].pk, events["past"].pk
    slug = world["collective"].slug
    return [
        reverse("events:list"),
        reverse("events:list") + "?when=past&kind=meeting",
        reverse("events:create") + f"?collective={slug}",
        reverse("events:create") + f"?project={world['project'].pk}",
        reverse("events:create") + f"?place={world['project'].place.pk}",
        reverse("events:place_list", args=[world["project"].place.pk]),
        reverse("events:place_list", args=[world["project"].place.pk]) + "?when=past",
        reverse("events:calendar"),
        *[reverse("events:detail", args=[pk]) for pk in (workshop, cuppa, past)],
        reverse("events:edit", args=[cuppa]),
        reverse("events:cancel", args=[workshop]),
        reverse("events:register", args=[cuppa]),
        reverse("events:people", args=[workshop]),
        reverse("events:agenda", args=[workshop]),
        reverse("events:arrange", args=[workshop]),
        reverse("events:attendance", args=[past]),
        reverse("events:notes", args=[past]),
        reverse("events:feedback", args=[past]),
        reverse("events:public", args=[events["cuppa"].public_code]),
    ]


def event_visitor_pages(world: dict) -> list[str]:
    events = world["events"]
    return [
        reverse("events:public", args=[events["cuppa"].public_code]),
        reverse("events:guest", args=[events["guest_token"]]),
    ]


def event_forms(world: dict) -> list[str]:
    """Forms that show an error summary when sent empty (signed in as the member)."""
    events = world["events"]
    return [
        reverse("events:create") + f"?collective={world['collective'].slug}",
        reverse("events:agenda", args=[events["workshop"].pk]),
    ]
