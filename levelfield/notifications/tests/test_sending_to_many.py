"""News for a whole group: everyone told in their own language, as they chose, in a
handful of queries whatever the size of the group."""

from __future__ import annotations

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils.translation import gettext as _

from levelfield.lib.testing.world import World
from levelfield.notifications.kinds import Frequency
from levelfield.notifications.models import Notification, Preference, Status
from levelfield.notifications.services import notifications_send_each
from levelfield.people.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _words(person: object) -> dict:
    # A greeting the notifications catalogue has in Welsh.
    return {"subject": _("Hello %(name)s,") % {"name": person.name}, "message": "It is back."}


def _tell(people: list) -> list[Notification]:
    return notifications_send_each(
        kind="review_reported_back",
        people=people,
        context_for=_words,
        url="/reviews/1/",
    )


def test_each_person_is_told_in_their_language_as_they_chose(world: World, committed, mailoutbox):
    world.group_member.language = "cy"
    world.group_member.save(update_fields=["language"])
    Preference.objects.create(
        person=world.collective_member, kind="review_reported_back", frequency=Frequency.OFF
    )
    Preference.objects.create(
        person=world.coordinator, kind="review_reported_back", frequency=Frequency.WEEKLY
    )

    with committed():
        sent = _tell(
            [world.member, world.group_member, world.collective_member, world.coordinator]
        )

    by_person = {notification.person: notification for notification in sent}
    assert by_person[world.member].subject == "Levelfield: Hello Mo,"
    assert by_person[world.group_member].subject == "Levelfield: Helo Gita,"
    assert by_person[world.collective_member].status == Status.NOT_EMAILED
    assert by_person[world.coordinator].status == Status.WAITING_FOR_SUMMARY
    # Only the two who wanted it straight away were emailed, once each.
    assert sorted(email.to[0] for email in mailoutbox) == sorted(
        [world.member.email, world.group_member.email]
    )
    assert Notification.objects.filter(kind="review_reported_back").count() == 4


def test_people_without_an_address_are_left_out(world: World, committed, mailoutbox):
    world.former.email = ""
    world.former.save(update_fields=["email"])

    with committed():
        sent = _tell([world.former, world.member])

    assert [notification.person for notification in sent] == [world.member]
    assert len(mailoutbox) == 1


def test_nothing_is_sent_when_the_change_is_rolled_back(world: World, committed, mailoutbox):
    with committed(), pytest.raises(RuntimeError), transaction.atomic():
        _tell([world.member])
        raise RuntimeError("the change failed after the news was written")

    assert mailoutbox == []
    assert not Notification.objects.filter(kind="review_reported_back").exists()


def test_telling_many_people_costs_the_same_queries_as_telling_a_few(world: World):
    few = [UserFactory() for _ in range(3)]
    many = [UserFactory() for _ in range(30)]

    with CaptureQueriesContext(connection) as for_few:
        _tell(few)
    with CaptureQueriesContext(connection) as for_many:
        _tell(many)

    assert len(for_many) == len(for_few) <= 3
    assert Notification.objects.filter(kind="review_reported_back").count() == 33
