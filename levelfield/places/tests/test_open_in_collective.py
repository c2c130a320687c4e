"""A project's or a group's empty list points to what is open in its collective, so
nobody opens an empty project page looking for the collective's decision."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from levelfield.decisions.models import Decision
from levelfield.decisions.tests.factories import DecisionFactory
from levelfield.deliberation.tests.factories import ConversationFactory
from levelfield.documents.tests.factories import document_make
from levelfield.reflection.tests.factories import RoundFactory

pytestmark = pytest.mark.django_db


def test_an_empty_project_log_points_to_the_collectives_open_decisions(client, world):
    DecisionFactory(place=world.collective_place)
    DecisionFactory(place=world.collective_place)
    DecisionFactory(place=world.collective_place, closed_at=timezone.now())
    client.force_login(world.member)

    html = client.get(reverse("decisions:place_log", args=[world.project_place.pk])).content
    html = html.decode()

    assert "No decisions yet." in html
    assert f"{world.collective.name} has 2 decisions open" in html
    assert reverse("decisions:place_log", args=[world.collective_place.pk]) in html
    # The collective's own log says nothing of the kind, nor does a project with its own.
    own = client.get(reverse("decisions:place_log", args=[world.collective_place.pk]))
    assert "open for everyone in the collective" not in own.content.decode()


def test_an_empty_group_checkin_list_points_to_the_collectives_open_round(client, world):
    now = timezone.now()
    RoundFactory(
        place=world.collective_place,
        opens_at=now - datetime.timedelta(days=1),
        closes_at=now + datetime.timedelta(days=6),
    )
    client.force_login(world.group_member)

    html = client.get(reverse("reflection:place_rounds", args=[world.group.pk])).content.decode()

    assert f"{world.collective.name} has 1 check-in open for everyone" in html
    assert reverse("reflection:place_rounds", args=[world.collective_place.pk]) in html


def test_nothing_open_in_the_collective_says_nothing_more(client, world):
    Decision.objects.all().delete()
    client.force_login(world.member)

    html = client.get(reverse("decisions:place_log", args=[world.project_place.pk])).content
    assert "open for everyone in the collective" not in html.decode()


def test_an_empty_project_conversation_list_points_to_the_collectives_open_ones(client, world):
    ConversationFactory(place=world.collective_place)
    ConversationFactory(place=world.collective_place, closed_at=timezone.now())
    client.force_login(world.member)

    url = reverse("deliberation:place_list", args=[world.project_place.pk])
    html = client.get(url).content.decode()

    assert "No conversations in" in html
    assert f"{world.collective.name} has 1 conversation open for everyone" in html
    assert reverse("deliberation:place_list", args=[world.collective_place.pk]) in html
    # A group with a conversation of its own lists it and says nothing more.
    ConversationFactory(place=world.group)
    html = client.get(reverse("deliberation:place_list", args=[world.group.pk])).content
    assert "open for everyone in the collective" not in html.decode()


def test_an_empty_group_document_list_points_to_the_documents_taking_comments(client, world):
    today = timezone.localdate()
    document_make(place=world.collective_place)
    document_make(
        place=world.collective_place,
        title="Not open yet",
        opens_on=today + datetime.timedelta(days=10),
        closes_on=today + datetime.timedelta(days=20),
    )
    client.force_login(world.group_member)

    html = client.get(reverse("documents:place_list", args=[world.group.pk])).content.decode()

    assert "has not started a document yet" in html
    assert f"{world.collective.name} has 1 document open for everyone" in html
    assert reverse("documents:place_list", args=[world.collective_place.pk]) in html


def test_the_collectives_own_lists_point_nowhere_else(client, world):
    ConversationFactory(place=world.collective_place)
    client.force_login(world.member)

    for name in ("deliberation:place_list", "documents:place_list"):
        own = client.get(reverse(name, args=[world.collective_place.pk])).content.decode()
        assert "open for everyone in the collective" not in own
