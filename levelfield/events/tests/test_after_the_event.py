"""The agenda everyone adds to; attendance into the involvement log; notes; anonymous
feedback from 5 answers; and a time poll's chosen time becoming an event."""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from levelfield.collectives.tests.factories import CollectiveMembershipFactory
from levelfield.decisions.models import Method, Outcome, Response
from levelfield.decisions.tests.factories import DecisionFactory, OptionFactory
from levelfield.events import services
from levelfield.events.models import AgendaStatus, Audience, Event, Feedback, Registration
from levelfield.people.models import User
from levelfield.people.tests.factories import UserFactory
from levelfield.places.access import collective_place
from levelfield.projects.models import InvolvementEntry, Participation
from levelfield.projects.tests.factories import ProjectMembershipFactory

pytestmark = pytest.mark.django_db

HOUR = datetime.timedelta(hours=1)


def _ended(event: Event) -> Event:
    """Move an event into the past, as if it had happened."""
    Event.objects.filter(pk=event.pk).update(
        starts_at=timezone.now() - datetime.timedelta(hours=3),
        ends_at=timezone.now() - datetime.timedelta(hours=1, minutes=30),
    )
    return Event.objects.get(pk=event.pk)


def test_anyone_with_a_place_proposes_and_supports_and_the_organiser_says_why(
    client, plan: Callable[..., Event], member: User, organiser: User, outsider: User
) -> None:
    event = plan()
    services.registration_create(event=event, person=member, perspective="carer")
    client.force_login(member)
    client.post(reverse("events:agenda", args=[event.pk]), {"title": "Paying carers"})
    client.post(reverse("events:agenda", args=[event.pk]), {"title": "Parking"})
    paying, parking = event.agenda_items.order_by("position")
    assert paying.supports.count() == 1  # the proposer supports it
    client.force_login(organiser)
    client.post(reverse("events:support", args=[event.pk, paying.pk]))
    assert paying.supports.count() == 2
    response = client.post(
        reverse("events:arrange", args=[event.pk]),
        {
            f"status_{paying.pk}": "taken",
            f"position_{paying.pk}": "1",
            f"reason_{paying.pk}": "",
            f"status_{parking.pk}": "not_taken",
            f"position_{parking.pk}": "2",
            f"reason_{parking.pk}": "",
        },
    )
    assert "Say why “Parking” is not on the agenda" in response.content.decode()
    client.post(
        reverse("events:arrange", args=[event.pk]),
        {
            f"status_{paying.pk}": "taken",
            f"position_{paying.pk}": "1",
            f"reason_{paying.pk}": "",
            f"status_{parking.pk}": "not_taken",
            f"position_{parking.pk}": "2",
            f"reason_{parking.pk}": "The venue has free parking.",
        },
    )
    parking.refresh_from_db()
    assert parking.status == AgendaStatus.NOT_TAKEN
    client.force_login(member)
    page = client.get(reverse("events:agenda", args=[event.pk])).content.decode()
    assert "The venue has free parking." in page
    assert "Carer: 2 items" in page


def test_people_without_a_place_cannot_add_to_the_agenda(
    client, plan: Callable[..., Event], member: User
) -> None:
    event = plan()
    client.force_login(member)
    response = client.post(reverse("events:agenda", args=[event.pk]), {"title": "Mine"})
    assert response.status_code == 403
    assert not event.agenda_items.exists()


def test_attendance_writes_the_project_log_with_the_event_length_and_preparation(
    client, plan: Callable[..., Event], project, member: User, organiser: User, collective
) -> None:
    event = plan(
        place=project.place,
        audience=Audience.MEMBERS,
        preparation_minutes=30,
        paid=True,
        capacity=5,
    )
    absent = UserFactory(display_name="Absent")
    ProjectMembershipFactory(project=project, person=absent)
    came = services.registration_create(event=event, person=member)
    services.registration_create(event=event, person=absent)
    event = _ended(event)
    client.force_login(member)
    client.post(reverse("events:i_came", args=[event.pk]))
    client.force_login(organiser)
    form = client.get(reverse("events:attendance", args=[event.pk])).content.decode()
    assert "says they came" in form
    response = client.post(reverse("events:attendance", args=[event.pk]), {"attended": [came.pk]})
    assert response.status_code == 302
    event.refresh_from_db()
    entry = event.involvement_entry
    assert entry.place == project.place
    assert entry.event == event  # what payments reads: entry.event
    participation = Participation.objects.get(entry=entry)
    assert participation.person == member
    assert participation.minutes == 90 + 30
    came.refresh_from_db()
    assert came.participation == participation and came.attended_minutes == 120
    assert "paid time" in entry.description
    log = client.get(reverse("places:log", args=[project.place.pk])).content.decode()
    assert event.title in log

    # Marking again corrects the same entry; nobody is counted twice.
    services.attendance_record(event=event, actor=organiser, attended=[])
    assert InvolvementEntry.objects.count() == 1
    assert not Participation.objects.filter(entry=entry).exists()


def test_a_collective_events_attendance_goes_in_the_collectives_involvement_log(
    plan: Callable[..., Event], member: User, organiser: User
) -> None:
    """The Cuppa is paid time: attendance at a collective's own event is logged like a
    project workshop, in the collective's log, so it can be claimed and reported."""
    event = plan(preparation_minutes=15)
    registration = services.registration_create(event=event, person=member)
    event = _ended(event)
    services.attendance_record(event=event, actor=organiser, attended=[registration.pk])
    registration.refresh_from_db()
    assert registration.attended and registration.attended_minutes == 105
    entry = InvolvementEntry.objects.get()
    assert entry.place == collective_place(event.place.collective_id) == event.place
    assert entry.stage == "" and entry.title == event.title
    assert registration.participation.entry == entry
    assert (
        registration.participation.minutes == 105 and registration.participation.person == member
    )


def test_only_organisers_mark_attendance_and_not_before_it_starts(
    plan: Callable[..., Event], member: User, organiser: User
) -> None:
    event = plan()
    registration = services.registration_create(event=event, person=member)
    with pytest.raises(ValidationError, match="once the event has started"):
        services.attendance_record(event=event, actor=organiser, attended=[registration.pk])
    with pytest.raises(PermissionDenied):
        services.attendance_record(event=_ended(event), actor=member, attended=[])


def test_feedback_is_anonymous_and_shows_only_from_five_answers_split_by_perspective(
    client, plan: Callable[..., Event], collective, organiser: User
) -> None:
    event = plan(capacity=10)
    people = [UserFactory() for _ in range(6)]
    registrations = []
    for person in people:
        CollectiveMembershipFactory(collective=collective, person=person)
        registrations.append(
            services.registration_create(event=event, person=person, perspective="carer")
        )
    event = _ended(event)
    for number, registration in enumerate(registrations[:4]):
        services.feedback_give(
            registration=registration, heard=5 - number % 2, comment=f"Comment {number}"
        )
    client.force_login(people[0])
    page = client.get(reverse("events:detail", args=[event.pk])).content.decode()
    assert "answers stay sealed until feedback closes on" in page and "(4 so far)" in page
    assert "Comment 0" not in page
    services.feedback_give(registration=registrations[4], heard=3)
    page = client.get(reverse("events:detail", args=[event.pk])).content.decode()
    assert "(5 so far)" in page and "Comment 0" not in page
    assert not Feedback.objects.filter(event=event).exists(), "sealed until it closes"
    # Written out by the due run once the feedback has closed, not before.
    assert not services.feedback_write_out(event=event, now=event.feedback_closes_at - HOUR)
    assert services.feedback_write_out_due(now=event.feedback_closes_at) == 1
    page = client.get(reverse("events:detail", args=[event.pk])).content.decode()
    assert "On average 4.2 out of 5, from 5 answers" in page
    assert "Comment 0" in page
    assert "Carer: 4.2 out of 5 (5 answers)" in page
    assert not Registration.objects.filter(sealed_feedback__isnull=False).exists()
    assert services.feedback_write_out_due(now=event.feedback_closes_at) == 0
    # Nothing links an answer to its author: no person, no time, a random key.
    assert {f.name for f in Feedback._meta.get_fields()} == {
        "id",
        "event",
        "heard",
        "comment",
        "perspective",
    }
    with pytest.raises(ValidationError, match="already given"):
        services.feedback_give(registration=registrations[0], heard=1)
    with pytest.raises(ValidationError, match="has closed"):
        services.feedback_give(registration=registrations[5], heard=1)


def test_notes_are_published_as_safe_markdown(
    client, plan: Callable[..., Event], organiser: User, member: User
) -> None:
    event = _ended(plan())
    client.force_login(organiser)
    client.post(
        reverse("events:notes", args=[event.pk]),
        {
            "notes": "**Decided**: more breaks.\n\n<script>alert(1)</script>"
            "[slides](javascript:alert(1))"
        },
    )
    client.force_login(member)
    page = client.get(reverse("events:detail", args=[event.pk])).content.decode()
    assert "<strong>Decided</strong>" in page
    assert "<script>alert" not in page
    assert "javascript:" not in page


def test_a_time_polls_chosen_time_becomes_an_event_and_the_people_who_answered_are_invited(
    client,
    project,
    member: User,
    organiser: User,
    mailoutbox,
    django_capture_on_commit_callbacks,
) -> None:
    now = timezone.now()
    poll = DecisionFactory(
        place=project.place,
        created_by=organiser,
        method=Method.TIME_POLL,
        opens_at=now - datetime.timedelta(days=9),
        closes_at=now - datetime.timedelta(days=1),
        closed_at=now - datetime.timedelta(days=1),
    )
    start = (now + datetime.timedelta(days=7)).replace(microsecond=0)
    chosen = OptionFactory(
        decision=poll, starts_at=start, ends_at=start + datetime.timedelta(hours=1)
    )
    Response.objects.create(decision=poll, person=member, payload={"option": chosen.pk})
    Outcome.objects.create(
        decision=poll,
        statement="We meet then.",
        chosen_option=chosen,
        written_by=organiser,
        written_at=now,
        updated_at=now,
    )
    client.force_login(organiser)
    detail = client.get(reverse("decisions:detail", args=[poll.pk])).content.decode()
    assert reverse("events:from_decision", args=[poll.pk]) in detail
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("events:from_decision", args=[poll.pk]),
            {"title": "Steering group", "format": "online"},
        )
    event = Event.objects.get(from_decision=poll)
    assert response.url == event.get_absolute_url()
    assert (event.starts_at, event.ends_at, event.place) == (start, chosen.ends_at, project.place)
    assert [m.to for m in mailoutbox] == [[member.email]]
    assert "You are invited: Steering group" in mailoutbox[0].subject
    # A second try goes to the same event.
    again = client.post(reverse("events:from_decision", args=[poll.pk]), {"title": "x"})
    assert again.url == event.get_absolute_url()
    assert Event.objects.count() == 1
    assert not Registration.objects.exists()
