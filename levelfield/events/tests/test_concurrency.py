"""Places are safe under concurrency, on PostgreSQL with real connections: 50 people
registering at once for 20 places never exceed them, and cancellations racing
promotions lose nobody from the waiting list."""

from __future__ import annotations

from django.core.exceptions import ValidationError

from levelfield.collectives.tests.factories import CollectiveFactory, CollectiveMembershipFactory
from levelfield.collectives.tests.threads import CONCURRENCY_MARKS, at_once
from levelfield.events import services
from levelfield.events.models import Event, Registration, RegistrationStatus
from levelfield.events.tests.conftest import event_values
from levelfield.people.models import User
from levelfield.people.tests.factories import UserFactory
from levelfield.places.access import collective_place

pytestmark = CONCURRENCY_MARKS


def _event_with_people(count: int, capacity: int) -> tuple[Event, list[User]]:
    collective = CollectiveFactory()
    organiser = UserFactory()
    people = [UserFactory() for _ in range(count)]
    for person in [organiser, *people]:
        CollectiveMembershipFactory(collective=collective, person=person)
    event = services.event_create(
        place=collective_place(collective.pk),
        actor=organiser,
        values=event_values(capacity=capacity),
    )
    return event, people


def _check_counts(event: Event) -> tuple[int, int]:
    event.refresh_from_db()
    registered = Registration.objects.filter(event=event, status=RegistrationStatus.REGISTERED)
    waiting = Registration.objects.filter(event=event, status=RegistrationStatus.WAITING)
    assert event.places_taken == registered.count()
    assert event.waiting_count == waiting.count()
    return registered.count(), waiting.count()


def test_fifty_people_registering_at_once_for_twenty_places_never_exceed_them() -> None:
    event, people = _event_with_people(50, capacity=20)

    results = at_once(
        50, lambda n: services.registration_create(event=event, person=people[n]).status
    )

    assert not [r for r in results if isinstance(r, Exception)], results
    assert sorted(set(results)) == ["registered", "waiting"]
    assert _check_counts(event) == (20, 30)


def test_the_same_person_registering_twice_at_once_gets_one_place() -> None:
    event, people = _event_with_people(1, capacity=20)

    results = at_once(5, lambda n: services.registration_create(event=event, person=people[0]))

    assert sum(1 for r in results if isinstance(r, Registration)) == 1
    assert all(isinstance(r, ValidationError) for r in results if not isinstance(r, Registration))
    assert _check_counts(event) == (1, 0)


def test_cancellations_racing_promotions_and_new_registrations_lose_nobody() -> None:
    event, people = _event_with_people(40, capacity=10)
    for person in people[:30]:
        services.registration_create(event=event, person=person)
    assert _check_counts(event) == (10, 20)
    leaving = list(
        Registration.objects.filter(event=event, status=RegistrationStatus.REGISTERED)[:8]
    ) + list(Registration.objects.filter(event=event, status=RegistrationStatus.WAITING)[:4])
    newcomers = people[30:]

    def work(n: int) -> object:
        if n < len(leaving):
            return services.registration_cancel(registration=leaving[n])
        return services.registration_create(event=event, person=newcomers[n - len(leaving)])

    results = at_once(len(leaving) + len(newcomers), work)

    assert not [r for r in results if isinstance(r, Exception)], results
    # 30 + 10 newcomers - 12 who left = 28 still wanting to come: 10 places, 18 waiting.
    assert _check_counts(event) == (10, 18)
    # Everyone still registered is accounted for exactly once.
    active = Registration.objects.filter(event=event).exclude(status=RegistrationStatus.CANCELLED)
    assert active.values("person").distinct().count() == 28
    # Those who got places are the ones who waited longest, before any newcomer.
    waiting_left = Registration.objects.filter(event=event, status=RegistrationStatus.WAITING)
    registered_from_waiting = Registration.objects.filter(
        event=event, status=RegistrationStatus.REGISTERED, waiting_since__isnull=False
    )
    if registered_from_waiting.exists() and waiting_left.exists():
        latest_promoted = max(r.waiting_since for r in registered_from_waiting)
        assert all(r.waiting_since >= latest_promoted for r in waiting_left)


def test_the_same_walk_in_recorded_twice_at_once_is_one_walk_in_and_one_participation() -> None:
    """Two organisers record the same member walking in at the same moment: the event's
    row lock makes one of them see the other's, so the log has the time once."""
    import datetime

    from django.utils import timezone

    from levelfield.events.models import WalkIn
    from levelfield.projects.models import Participation

    event, people = _event_with_people(1, capacity=20)
    organiser = event.organisers.get()
    Event.objects.filter(pk=event.pk).update(
        starts_at=timezone.now() - datetime.timedelta(hours=2),
        ends_at=timezone.now() - datetime.timedelta(hours=1),
    )
    event.refresh_from_db()

    results = at_once(
        4, lambda n: services.walk_in_add(event=event, actor=organiser, person=people[0])
    )

    assert sum(1 for r in results if isinstance(r, WalkIn)) == 1, results
    assert all(isinstance(r, ValidationError) for r in results if not isinstance(r, WalkIn))
    assert Participation.objects.filter(person=people[0]).count() == 1
    assert WalkIn.objects.get().participation is not None
