"""Taking a place in one step, the waiting list, guests with a signed link, and the
mistakes that get a clear message instead of an error."""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from levelfield.collectives.tests.factories import CollectiveMembershipFactory
from levelfield.events import access, services
from levelfield.events.models import Audience, Event, Registration, RegistrationStatus
from levelfield.history.models import Change
from levelfield.people.models import PerspectiveKind, User
from levelfield.people.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _members(collective: object, count: int) -> list[User]:
    people = [UserFactory(display_name=f"Person {n}") for n in range(count)]
    for person in people:
        CollectiveMembershipFactory(collective=collective, person=person)
    return people


def test_a_member_takes_a_place_in_one_step_and_is_emailed_the_joining_link(
    client,
    plan: Callable[..., Event],
    member: User,
    mailoutbox,
    django_capture_on_commit_callbacks,
) -> None:
    event = plan()
    client.force_login(member)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("events:register", args=[event.pk]), {})
    assert response.status_code == 302
    registration = Registration.objects.get(event=event, person=member)
    assert registration.status == RegistrationStatus.REGISTERED
    event.refresh_from_db()
    assert event.places_taken == 1
    assert len(mailoutbox) == 1
    email = mailoutbox[0]
    assert email.to == [member.email]
    assert "You have a place at Co-Pro Cuppa" in email.subject
    assert "https://meet.example.org/secret-room" in email.body
    assert "(Europe/London, " in email.body
    assert Change.objects.filter(
        action="registration_created", subject_id=registration.pk
    ).exists()


def test_when_full_people_wait_and_a_cancellation_promotes_the_first_waiting(
    plan: Callable[..., Event], collective, mailoutbox, django_capture_on_commit_callbacks
) -> None:
    event = plan(capacity=2)
    first, second, third, fourth = _members(collective, 4)
    with django_capture_on_commit_callbacks(execute=True):
        places = [
            services.registration_create(event=event, person=p)
            for p in (first, second, third, fourth)
        ]
    assert [p.status for p in places] == ["registered", "registered", "waiting", "waiting"]
    waiting_email = [m for m in mailoutbox if m.to == [third.email]][0]
    assert "waiting list" in waiting_email.subject
    assert "secret-room" not in waiting_email.body  # no joining link without a place
    assert services.waiting_position(places[3]) == 2

    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        promoted = services.registration_cancel(registration=places[0])
    assert [r.person for r in promoted] == [third]
    event.refresh_from_db()
    assert (event.places_taken, event.waiting_count) == (2, 1)
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [third.email]
    assert "A place came free" in mailoutbox[0].subject
    assert "secret-room" in mailoutbox[0].body
    # Cancelling twice changes nothing.
    assert services.registration_cancel(registration=places[0]) == []
    event.refresh_from_db()
    assert (event.places_taken, event.waiting_count) == (2, 1)


def test_places_per_perspective_keep_a_public_cuppa_public(
    plan: Callable[..., Event], collective
) -> None:
    event = plan(capacity=3, perspective_caps={PerspectiveKind.RESEARCHER: 1})
    researcher_a, researcher_b, carer = _members(collective, 3)
    a = services.registration_create(
        event=event, person=researcher_a, perspective=PerspectiveKind.RESEARCHER
    )
    b = services.registration_create(
        event=event, person=researcher_b, perspective=PerspectiveKind.RESEARCHER
    )
    c = services.registration_create(event=event, person=carer, perspective=PerspectiveKind.CARER)
    assert (a.status, b.status, c.status) == ("registered", "waiting", "registered")
    # When the researcher's place frees, the waiting researcher takes it.
    services.registration_cancel(registration=a)
    b.refresh_from_db()
    assert b.status == "registered"


def test_a_waiting_person_over_their_perspective_cap_is_skipped_not_lost(
    plan: Callable[..., Event], collective
) -> None:
    event = plan(capacity=2, perspective_caps={PerspectiveKind.RESEARCHER: 1})
    researcher, carer, researcher_2, carer_2 = _members(collective, 4)
    services.registration_create(event=event, person=researcher, perspective="researcher")
    carer_place = services.registration_create(event=event, person=carer, perspective="carer")
    waiting_researcher = services.registration_create(
        event=event, person=researcher_2, perspective="researcher"
    )
    waiting_carer = services.registration_create(event=event, person=carer_2, perspective="carer")
    services.registration_cancel(registration=carer_place)
    waiting_researcher.refresh_from_db()
    waiting_carer.refresh_from_db()
    assert waiting_researcher.status == "waiting"
    assert waiting_carer.status == "registered"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"cancelled_at": "now"}, "cancelled"),
        ({"registration_closes_at": "past"}, "Registration for this event has closed."),
        ({"starts_at": "started"}, "already started"),
    ],
)
def test_registering_when_it_is_not_open_gets_a_clear_message(
    client, plan: Callable[..., Event], member: User, change: dict, message: str
) -> None:
    event = plan()
    now = timezone.now()
    if "cancelled_at" in change:
        Event.objects.filter(pk=event.pk).update(cancelled_at=now)
    elif "registration_closes_at" in change:
        Event.objects.filter(pk=event.pk).update(
            registration_closes_at=now - datetime.timedelta(minutes=1)
        )
    else:
        Event.objects.filter(pk=event.pk).update(
            starts_at=now - datetime.timedelta(minutes=5),
            ends_at=now + datetime.timedelta(hours=1),
        )
    client.force_login(member)
    response = client.post(reverse("events:register", args=[event.pk]), {})
    assert response.status_code == 200
    assert not Registration.objects.filter(event=event).exists()
    with pytest.raises(ValidationError, match=message):
        services.registration_create(event=Event.objects.get(pk=event.pk), person=member)


def test_registering_twice_says_you_already_have_a_place(
    client, plan: Callable[..., Event], member: User
) -> None:
    event = plan()
    services.registration_create(event=event, person=member)
    client.force_login(member)
    response = client.post(reverse("events:register", args=[event.pk]), {})
    assert "You already have a place at this event." in response.content.decode()
    assert Registration.objects.filter(event=event).count() == 1


def test_a_person_with_access_needs_in_their_profile_books_in_one_step_without_sharing_them(
    client, plan: Callable[..., Event], member: User
) -> None:
    """Their needs are not pre-filled into a box that then fails for want of a tick."""
    member.access_needs = "I use a wheelchair"
    member.save(update_fields=["access_needs"])
    event = plan()
    client.force_login(member)
    page = client.get(reverse("events:register", args=[event.pk])).content.decode()
    assert "Share the access needs from your profile with the organisers?" in page
    assert "Your profile says: “I use a wheelchair”" in page
    response = client.post(reverse("events:register", args=[event.pk]), {})
    assert response.status_code == 302
    registration = Registration.objects.get(event=event, person=member)
    assert registration.has_place
    assert registration.access_needs == "" and registration.access_needs_shared_at is None


def test_a_person_says_yes_to_share_their_profile_needs_and_adds_one_for_this_event(
    client, plan: Callable[..., Event], member: User, clock
) -> None:
    member.access_needs = "I use a wheelchair"
    member.save(update_fields=["access_needs"])
    event = plan()
    client.force_login(member)
    response = client.post(
        reverse("events:register", args=[event.pk]),
        {"share_profile_needs": "yes", "access_need_kinds": ["captions"]},
    )
    assert response.status_code == 302
    registration = Registration.objects.get(event=event, person=member)
    assert registration.access_needs == "I use a wheelchair"
    assert registration.access_need_kinds == ["captions"]
    assert registration.access_needs_shared_at is not None


def test_needs_written_for_the_event_are_shared_with_no_box_to_tick(
    client, plan: Callable[..., Event], member: User, clock
) -> None:
    event = plan()
    client.force_login(member)
    page = client.get(reverse("events:register", args=[event.pk])).content.decode()
    assert "Share the access needs from your profile" not in page
    assert "Add access needs for this event (optional)" in page
    response = client.post(
        reverse("events:register", args=[event.pk]), {"access_needs": "Captions please"}
    )
    assert response.status_code == 302
    registration = Registration.objects.get(event=event, person=member)
    assert registration.access_needs == "Captions please"
    assert registration.access_needs_shared_at is not None


def test_a_guest_takes_a_place_on_the_public_page_and_manages_it_by_signed_link(
    client, plan: Callable[..., Event], mailoutbox, django_capture_on_commit_callbacks
) -> None:
    event = plan(audience=Audience.ANYONE)
    page = client.get(reverse("events:public", args=[event.public_code]))
    assert page.status_code == 200
    assert "secret-room" not in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("events:public", args=[event.public_code]),
            {"guest_name": "Pat", "guest_email": "Pat@Example.org", "consent": "on"},
        )
    assert response.status_code == 302
    registration = Registration.objects.get(event=event)
    assert registration.guest_email == "pat@example.org"
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["pat@example.org"]
    token = access.guest_token(registration)
    manage = reverse("events:guest", args=[token])
    assert manage in mailoutbox[0].body
    assert "secret-room" in mailoutbox[0].body

    guest_page = client.get(manage)
    assert guest_page.status_code == 200
    assert "secret-room" in guest_page.content.decode()
    asked = client.get(reverse("events:guest_cancel", args=[token]))  # asks first
    assert "Cancel your place?" in asked.content.decode()
    registration.refresh_from_db()
    assert registration.status != RegistrationStatus.CANCELLED
    client.post(reverse("events:guest_cancel", args=[token]))
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CANCELLED
    assert "secret-room" not in client.get(manage).content.decode()


def test_a_guest_without_consent_is_asked_for_it(client, plan: Callable[..., Event]) -> None:
    event = plan(audience=Audience.ANYONE)
    response = client.post(
        reverse("events:public", args=[event.public_code]),
        {"guest_name": "Pat", "guest_email": "pat@example.org"},
    )
    assert "Tick the box to agree" in response.content.decode()
    assert not Registration.objects.exists()


def test_a_tampered_guest_link_or_a_members_event_code_is_a_404(
    client, plan: Callable[..., Event]
) -> None:
    public = plan(audience=Audience.ANYONE)
    registration = services.registration_create(
        event=public, guest_name="Pat", guest_email="pat@example.org"
    )
    token = access.guest_token(registration)
    tampered = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    assert client.get(reverse("events:guest", args=[tampered])).status_code == 404
    assert client.post(reverse("events:guest_cancel", args=[tampered])).status_code == 404
    assert client.get(reverse("events:guest", args=["made-up"])).status_code == 404
    members_only = plan()
    assert client.get(reverse("events:public", args=[members_only.public_code])).status_code == 404


def test_guests_cannot_register_for_members_events(plan: Callable[..., Event]) -> None:
    event = plan()
    with pytest.raises(Exception, match="anyone with the link"):
        services.registration_create(event=event, guest_name="Pat", guest_email="p@example.org")


def test_capacity_cannot_go_below_the_places_taken(
    client, plan: Callable[..., Event], organiser: User, collective
) -> None:
    event = plan(capacity=3)
    for person in _members(collective, 2):
        services.registration_create(event=event, person=person)
    client.force_login(organiser)
    data = _form_data(event, capacity="1")
    response = client.post(reverse("events:edit", args=[event.pk]), data)
    assert response.status_code == 200
    assert "2 people already have a place" in response.content.decode()
    event.refresh_from_db()
    assert event.capacity == 3


def test_raising_the_capacity_promotes_people_waiting(
    client, plan: Callable[..., Event], organiser: User, collective
) -> None:
    event = plan(capacity=1)
    first, second = _members(collective, 2)
    services.registration_create(event=event, person=first)
    waiting = services.registration_create(event=event, person=second)
    client.force_login(organiser)
    response = client.post(
        reverse("events:edit", args=[event.pk]), _form_data(event, capacity="2")
    )
    assert response.status_code == 302
    waiting.refresh_from_db()
    assert waiting.status == "registered"


def test_an_event_late_in_the_evening_can_be_changed(
    client, plan: Callable[..., Event], organiser: User, collective, clock
) -> None:
    # Planned at 23:50 a week ahead, it ends at 01:20 the next day; the form once could not
    # say so, and refused every change to it.
    clock.move_to(datetime.datetime(2026, 12, 5, 23, 50, tzinfo=datetime.UTC))
    event = plan(capacity=1)
    assert event.local_end.date() > event.local_start.date()
    first, second = _members(collective, 2)
    services.registration_create(event=event, person=first)
    waiting = services.registration_create(event=event, person=second)
    client.force_login(organiser)
    page = client.get(reverse("events:edit", args=[event.pk])).content.decode()
    assert f'value="{event.local_end:%Y-%m-%d}"' in page
    response = client.post(
        reverse("events:edit", args=[event.pk]), _form_data(event, capacity="2")
    )
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.ends_at - event.starts_at == datetime.timedelta(minutes=90)
    waiting.refresh_from_db()
    assert waiting.status == "registered"


def test_an_event_may_end_on_a_later_day(client, collective, organiser: User) -> None:
    client.force_login(organiser)
    url = reverse("events:create") + f"?collective={collective.slug}"
    data = _form_data(None, start_time="22:00", end_time="01:00")
    next_day = datetime.date.fromisoformat(data["date"]) + datetime.timedelta(days=1)
    response = client.post(url, data | {"end_date": f"{next_day:%Y-%m-%d}"})
    assert response.status_code == 302
    event = Event.objects.get()
    assert event.ends_at - event.starts_at == datetime.timedelta(hours=3)
    assert event.local_end.date() == next_day


def test_an_event_cannot_end_on_a_day_before_it_starts(
    client, collective, organiser: User
) -> None:
    client.force_login(organiser)
    url = reverse("events:create") + f"?collective={collective.slug}"
    data = _form_data(None)
    day_before = datetime.date.fromisoformat(data["date"]) - datetime.timedelta(days=1)
    response = client.post(url, data | {"end_date": f"{day_before:%Y-%m-%d}"})
    assert response.status_code == 200
    assert "The event must end on or after the day it starts" in response.content.decode()
    assert not Event.objects.exists()


def test_an_event_cannot_end_before_it_starts(client, collective, organiser: User) -> None:
    client.force_login(organiser)
    url = reverse("events:create") + f"?collective={collective.slug}"
    data = _form_data(None, start_time="11:00", end_time="10:00")
    response = client.post(url, data)
    assert response.status_code == 200
    assert "The event must end after it starts" in response.content.decode()
    assert not Event.objects.exists()


def test_cancelling_an_event_tells_everyone_once(
    client,
    plan: Callable[..., Event],
    organiser: User,
    collective,
    mailoutbox,
    django_capture_on_commit_callbacks,
) -> None:
    event = plan(capacity=1)
    first, second = _members(collective, 2)
    services.registration_create(event=event, person=first)
    services.registration_create(event=event, person=second)
    client.force_login(organiser)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("events:cancel", args=[event.pk]), {"reason": "The room flooded."})
    assert sorted(m.to[0] for m in mailoutbox) == sorted([first.email, second.email])
    assert all("Cancelled: Co-Pro Cuppa" in m.subject for m in mailoutbox)
    assert all("The room flooded." in m.body for m in mailoutbox)
    assert all("secret-room" not in m.body for m in mailoutbox)


def _form_data(event: Event | None, **changes: str) -> dict[str, str]:
    start = timezone.localtime(timezone.now() + datetime.timedelta(days=7))
    data = {
        "title": event.title if event else "Planning meeting",
        "kind": "meeting",
        "date": f"{start:%Y-%m-%d}",
        "start_time": "10:00",
        "end_time": "11:30",
        "timezone_name": "Europe/London",
        "format": "online",
        "audience": "collective",
        "capacity": "",
        "reminders": "48, 2",
    }
    if event is not None:
        local = event.local_start
        data |= {
            "date": f"{local:%Y-%m-%d}",
            "start_time": f"{local:%H:%M}",
            "end_date": f"{event.local_end:%Y-%m-%d}",
            "end_time": f"{event.local_end:%H:%M}",
        }
    data.update(changes)
    return data


def test_deleting_an_account_gives_its_places_to_the_people_waiting(
    plan: Callable[..., Event], collective
) -> None:
    from levelfield.home.services import person_delete

    event = plan(capacity=1)
    leaving, waiting = _members(collective, 2)
    services.registration_create(event=event, person=leaving)
    waiting_place = services.registration_create(event=event, person=waiting)
    person_delete(person=leaving)
    waiting_place.refresh_from_db()
    event.refresh_from_db()
    assert waiting_place.status == RegistrationStatus.REGISTERED
    assert (event.places_taken, event.waiting_count) == (1, 0)
