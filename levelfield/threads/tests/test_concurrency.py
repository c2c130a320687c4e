"""Two workers sending the same update at once, and two clicks of the same reaction,
on PostgreSQL with real connections: nobody gets the update twice, and a reaction is
there once."""

from __future__ import annotations

from levelfield.collectives.tests.factories import CollectiveFactory, CollectiveMembershipFactory
from levelfield.collectives.tests.threads import CONCURRENCY_MARKS, at_once
from levelfield.notifications.models import Notification
from levelfield.people.tests.factories import UserFactory
from levelfield.places.access import collective_place
from levelfield.threads import services
from levelfield.threads.models import Delivery, Reaction, ThreadKind

pytestmark = CONCURRENCY_MARKS


def _place_with(people: int):
    collective = CollectiveFactory()
    author = UserFactory(display_name="Amara")
    CollectiveMembershipFactory(collective=collective, person=author, is_coordinator=True)
    for n in range(people):
        CollectiveMembershipFactory(
            collective=collective, person=UserFactory(display_name=f"Person {n}")
        )
    return collective_place(collective.pk), author


def test_two_workers_sending_one_update_send_it_to_each_person_once(settings) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    place, author = _place_with(60)
    update = services.thread_start(
        place=place, author=author, kind=ThreadKind.UPDATE, title="News", body="All of it."
    )
    results = at_once(2, lambda n: services.update_send(thread_id=update.pk, batch_size=7))
    assert sum(results) == 60  # each batch locked the thread: no person in two
    assert Delivery.objects.filter(thread=update).count() == 60
    assert Notification.objects.filter(kind="place_update").count() == 60
    assert (
        Notification.objects.filter(kind="place_update").values("person").distinct().count() == 60
    )


def test_two_clicks_of_one_reaction_at_once_leave_at_most_one(settings) -> None:
    place, author = _place_with(0)
    thread = services.thread_start(place=place, author=author, title="Hi", body="Hello")
    opening = thread.posts.get()
    at_once(2, lambda n: services.reaction_toggle(post=opening, person=author, kind="agree"))
    assert Reaction.objects.filter(post=opening).count() <= 1
