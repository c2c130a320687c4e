"""The results page and the evidence view cost the same queries with 5 or 20 people,
one round or three, few records or many."""

from __future__ import annotations

import datetime
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from levelfield.decisions.tests.factories import DecisionFactory
from levelfield.events.models import AgendaItem
from levelfield.events.tests.factories import EventFactory, RegistrationFactory
from levelfield.lib.testing.world import World
from levelfield.projects.tests.factories import InvolvementEntryFactory, ParticipationFactory
from levelfield.reflection.tests.factories import answer_all, close, make_team

pytestmark = pytest.mark.django_db


def _count(client: object, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def _project_with(world: World, size: int, rounds: int) -> tuple:
    """A project of `size` public contributors and `size` researchers in the world's
    collective (the counts are compared across team sizes the world's project lacks)."""
    team = make_team(
        public=size, professionals=size, collective=world.collective, outsider=world.outsider
    )
    now = timezone.now()
    last = None
    for number in range(rounds):
        start = now - timedelta(days=30 * (rounds - number))
        last = team.open_round(title=f"Round {number}", now=start)
        answer_all(last, team.members, 1 + number % 5, comment="A thought", now=start)
        close(last)
        services_action(last, team.members[0])
    for number in range(size):
        entry = InvolvementEntryFactory(
            project=team.project,
            happened_on=datetime.date(2026, 1 + number % 12, 1),
            what_changed="Something changed" if number % 2 else "",
        )
        for person in team.members[: 1 + number % len(team.members)]:
            ParticipationFactory(entry=entry, person=person, minutes=30)
        DecisionFactory(
            place=team.project.place, created_by=team.members[number % len(team.members)]
        )
        meeting = EventFactory(place=team.project.place)
        for person in team.members[: 1 + number % len(team.members)]:
            RegistrationFactory(event=meeting, person=person, attended=True)
        AgendaItem.objects.create(
            event=meeting, title="Something to talk about", proposed_by=team.members[number]
        )
    return team, last


def services_action(checkin: object, person: object) -> None:
    from levelfield.reflection import services

    services.action_record(checkin=checkin, person=person, text="We will change something")


def test_results_and_evidence_pages_do_not_grow_with_the_data(
    world: World, client: object
) -> None:
    small_team, small_round = _project_with(world, 5, 2)
    big_team, big_round = _project_with(world, 20, 4)
    counts = []
    for team, checkin in ((small_team, small_round), (big_team, big_round)):
        client.force_login(team.members[0])
        counts.append(
            (
                _count(client, reverse("reflection:detail", args=[checkin.pk])),
                _count(client, reverse("reflection:place_evidence", args=[team.project.place.pk])),
                _count(client, reverse("reflection:place_rounds", args=[team.project.place.pk])),
                _count(client, reverse("reflection:answer", args=[checkin.pk])),
            )
        )
    assert counts[0] == counts[1], counts
    assert counts[0][0] <= 20 and counts[0][1] <= 20, counts
