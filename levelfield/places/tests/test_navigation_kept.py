"""A place's navigation is kept per version of the place (levelfield/places/navigation.py):
what people do there shows on the next page at once, what time does (a decision opening
or closing at its set time) shows when it happens, and each person sees their own."""

from __future__ import annotations

import datetime
import re

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from levelfield.decisions import services as decisions
from levelfield.decisions.models import Method
from levelfield.lib.testing.world import World
from levelfield.people.models import User
from levelfield.places import coordinator
from levelfield.places.models import Place
from levelfield.tasks import services as tasks

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clock")]


def _navigation(client: Client, person: User, url: str, **headers: str) -> str:
    client.force_login(person)
    response = client.get(url, **headers)
    assert response.status_code == 200
    return response.content.decode().split('class="lf-place-navigation">')[1].split("</nav>")[0]


def _count(navigation: str, label: str) -> int | None:
    """The number shown beside `label`, or None when none is."""
    found = re.search(
        re.escape(label) + r'</a> <strong class="govuk-tag govuk-tag--blue">(\d+)<', navigation
    )
    return int(found.group(1)) if found else None


def _decision(place: Place, person: User, **times: datetime.datetime) -> None:
    decisions.decision_create(
        place=place,
        created_by=person,
        method=Method.SINGLE_CHOICE,
        title="Where should we meet in the winter?",
        background="The hall is cold.",
        options=["The library", "The café"],
        closes_at=times.pop("closes_at", timezone.now() + datetime.timedelta(days=10)),
        **times,
    )


def test_a_decision_started_in_a_project_is_counted_on_the_next_page_for_everyone(
    client: Client, world: World
) -> None:
    url = reverse("projects:detail", args=[world.project.pk])
    assert _count(_navigation(client, world.member, url), "Decisions made together") is None
    assert _count(_navigation(client, world.coordinator, url), "Decisions made together") is None

    _decision(world.project_place, world.member)

    assert _count(_navigation(client, world.member, url), "Decisions made together") == 1
    assert _count(_navigation(client, world.coordinator, url), "Decisions made together") == 1


def test_a_decision_is_counted_from_its_opening_time_until_its_closing_time(
    client: Client, world: World, clock: time_machine.Coordinates
) -> None:
    url = reverse("collectives:detail", args=[world.collective.slug])
    now = timezone.now()
    _decision(
        world.collective_place,
        world.coordinator,
        opens_at=now + datetime.timedelta(hours=1),
        closes_at=now + datetime.timedelta(days=8),
    )
    assert _count(_navigation(client, world.member, url), "Decisions made together") is None

    clock.shift(datetime.timedelta(hours=2))  # nobody does anything: it opened
    assert _count(_navigation(client, world.member, url), "Decisions made together") == 1

    clock.shift(datetime.timedelta(days=9))  # closed at its time (before the closing job)
    assert _count(_navigation(client, world.member, url), "Decisions made together") is None


def test_a_task_done_leaves_the_count_at_once(client: Client, world: World) -> None:
    url = reverse("places:group", args=[world.group.pk])
    task = tasks.task_create(
        place=world.group, actor=world.member, values=tasks.TaskValues(title="Book the hall")
    )
    assert _count(_navigation(client, world.group_member, url), "Tasks") == 1

    tasks.task_done(task=task, actor=world.member)

    assert _count(_navigation(client, world.group_member, url), "Tasks") is None


def test_requests_to_join_show_only_to_coordinators_and_at_once_to_a_new_one(
    client: Client, world: World
) -> None:
    url = reverse("collectives:detail", args=[world.collective.slug])
    assert "Requests to join" in _navigation(client, world.coordinator, url)
    # Cora's navigation is kept; Cal's is his own.
    assert "Requests to join" not in _navigation(client, world.collective_member, url)

    membership = world.collective_place.memberships.get(person=world.collective_member)
    coordinator.coordinator_ask(membership=membership, asked_by=world.collective_member)

    assert "Requests to join" in _navigation(client, world.collective_member, url)


def test_each_language_has_its_own_navigation(client: Client, world: World) -> None:
    url = reverse("projects:detail", args=[world.project.pk])
    assert "Decide together" in _navigation(client, world.member, url)
    welsh = _navigation(client, world.member, url, HTTP_ACCEPT_LANGUAGE="cy")
    assert "Penderfynu gyda’n gilydd" in welsh
    assert "Decide together" not in welsh


def test_a_second_visit_asks_no_app_for_its_count(client: Client, world: World) -> None:
    url = reverse("collectives:detail", args=[world.collective.slug])
    _decision(world.collective_place, world.coordinator)
    client.force_login(world.coordinator)
    client.get(url)
    with CaptureQueriesContext(connection) as second:
        response = client.get(url)

    assert _count(response.content.decode(), "Decisions made together") == 1
    asked = [query["sql"] for query in second.captured_queries]
    for table in ("decisions_decision", "tasks_task", "impact_impact"):
        assert not any(table in sql for sql in asked)
