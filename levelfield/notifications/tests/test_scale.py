"""The scale data gives everyone a year of notices and the load's people many pages of
them, as delivered (nothing left for the email worker), so the benchmark's notices page
reads a real list, and reads it with as many queries as a short one."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from levelfield.notifications.kinds import WEEKLY_SUMMARY
from levelfield.notifications.models import Notification, Status
from levelfield.notifications.views import PER_PAGE
from levelfield.opportunities.tests.topics import topics_restore
from levelfield.people.models import User
from levelfield.people.scale import LOAD_PEOPLE, people_in_order

pytestmark = pytest.mark.django_db


def test_the_load_people_page_through_a_year_of_delivered_notices(client) -> None:
    topics_restore()  # a data migration's rows, gone after a transactional test
    call_command("seed_scale", size="small", stdout=io.StringIO())
    ids = people_in_order()
    load_person, someone = User.objects.get(pk=ids[1]), User.objects.get(pk=ids[LOAD_PEOPLE + 1])
    listed = Notification.objects.for_person(load_person)
    assert listed.count() > 2 * PER_PAGE > Notification.objects.for_person(someone).count() > 0

    client.force_login(load_person)
    first = client.get(reverse("notifications:list"))
    assert first.status_code == 200
    shown = list(first.context["page"])
    assert shown == list(listed[:PER_PAGE])
    assert all(notice.kind != WEEKLY_SUMMARY for notice in shown)
    assert [n.created for n in shown] == sorted((n.created for n in shown), reverse=True)
    last = client.get(reverse("notifications:list"), {"page": "last"})
    assert last.context["page"].number == -(-listed.count() // PER_PAGE)

    # Delivered: nothing waits to be emailed, and each gathered notice names its summary,
    # sent to the same person after it.
    assert not Notification.objects.exclude(status__in=[Status.SENT, Status.IN_SUMMARY]).exists()
    gathered = Notification.objects.filter(person=load_person, status=Status.IN_SUMMARY)
    assert gathered.exists()
    for notice in gathered.select_related("summary"):
        assert notice.summary.kind == WEEKLY_SUMMARY
        assert notice.summary.person_id == load_person.pk
        assert notice.summary.created > notice.created

    # The page costs the same with a year of notices as with a few.
    def queries(person: User) -> int:
        client.force_login(person)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("notifications:list")).status_code == 200
        return len(captured)

    assert queries(load_person) == queries(someone)
