"""Conversations belong to a place: a group (the Allies Group) holds its own
conversation, only its members take part, and the old project and collective
addresses send people on to the place's."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from levelfield.decisions.models import Decision
from levelfield.deliberation import services
from levelfield.deliberation.models import Analysis, Conversation, Participant, Reaction
from levelfield.lib.testing.world import World

pytestmark = pytest.mark.django_db

FAIR = {
    "title": "What makes a decision fair?",
    "prompt": "What makes a decision in our collective fair to everyone in it?",
    "who_may_take_part": "members",
    "moderation": "at_once",
    "seeds": "Everyone affected hears about it first\nReasons are written down\n",
}


def _in_group(world: World) -> Conversation:
    return services.conversation_start(
        started_by=world.group_member,
        place=world.group,
        title=FAIR["title"],
        prompt=FAIR["prompt"],
        seeds=["Everyone affected hears about it first", "Reasons are written down"],
    )


def test_a_group_member_starts_a_conversation_in_the_group(client, world: World) -> None:
    client.force_login(world.group_member)
    response = client.post(reverse("deliberation:place_create", args=[world.group.pk]), FAIR)
    conversation = Conversation.objects.get(title=FAIR["title"])
    assert response.status_code == 302
    assert conversation.place == world.group
    assert conversation.statements.count() == 2
    listed = client.get(reverse("deliberation:place_list", args=[world.group.pk]))
    assert FAIR["title"] in listed.content.decode()
    assert world.group.name in listed.content.decode()
    # Every page of it leads back to the group.
    for name in ("detail", "report", "moderate", "draft", "import"):
        page = client.get(reverse(f"deliberation:{name}", args=[conversation.pk]))
        assert page.status_code == 200, name
        assert world.group.get_absolute_url() in page.content.decode(), name


def test_the_group_s_members_take_part_and_the_collective_s_others_do_not(
    client, world: World
) -> None:
    conversation = _in_group(world)
    assert services.is_member(world.member, conversation)
    assert services.is_member(world.group_member, conversation)
    assert not services.is_member(world.collective_member, conversation)
    client.force_login(world.member)
    statement = conversation.statements.first()
    client.post(
        reverse("deliberation:react", args=[conversation.pk]),
        {"statement": statement.pk, "vote": 1},
    )
    assert Participant.objects.get(conversation=conversation).person == world.member


@pytest.mark.parametrize(
    "name", ["place_list", "place_create", "detail", "report", "moderate", "draft"]
)
def test_a_collective_member_outside_the_group_gets_404(client, world: World, name: str) -> None:
    conversation = _in_group(world)
    client.force_login(world.collective_member)
    pk = world.group.pk if name.startswith("place_") else conversation.pk
    assert client.get(reverse(f"deliberation:{name}", args=[pk])).status_code == 404


def test_an_outsider_cannot_start_one_in_the_group(client, world: World) -> None:
    client.force_login(world.collective_member)
    response = client.post(reverse("deliberation:place_create", args=[world.group.pk]), FAIR)
    assert response.status_code == 404
    assert not Conversation.objects.exists()


def test_principles_from_the_group_are_decided_in_the_group(world: World, clock) -> None:
    conversation = _in_group(world)
    services.draft_set(
        conversation=conversation,
        actor=world.group_member,
        statement_ids=list(conversation.statements.values_list("pk", flat=True)),
    )
    decision = services.draft_decide(
        conversation=conversation,
        actor=world.group_member,
        method="consent",
        closes_at=timezone.now() + timedelta(days=14),
    )
    assert Decision.objects.get(pk=decision.pk).place == world.group


@pytest.mark.parametrize(
    ("old", "new"),
    [("project_list", "place_list"), ("create_for_project", "place_create")],
)
def test_old_project_addresses_send_people_on(client, world: World, old: str, new: str) -> None:
    client.force_login(world.member)
    response = client.get(reverse(f"deliberation:{old}", args=[world.project.pk]) + "?a=1")
    assert response.status_code == 301
    assert response["Location"] == (
        reverse(f"deliberation:{new}", args=[world.project_place.pk]) + "?a=1"
    )


@pytest.mark.parametrize(
    ("old", "new"),
    [("collective_list", "place_list"), ("create_for_collective", "place_create")],
)
def test_old_collective_addresses_send_people_on(client, world: World, old: str, new: str) -> None:
    client.force_login(world.member)
    response = client.get(reverse(f"deliberation:{old}", args=[world.collective.slug]))
    assert response.status_code == 301
    assert response["Location"] == reverse(f"deliberation:{new}", args=[world.collective_place.pk])


def test_bad_ids_are_404(client, world: World) -> None:
    client.force_login(world.member)
    missing = 999_999
    for address in (
        reverse("deliberation:place_list", args=[missing]),
        reverse("deliberation:place_create", args=[missing]),
        reverse("deliberation:project_list", args=[missing]),
        reverse("deliberation:collective_list", args=["no-such-collective"]),
        reverse("deliberation:detail", args=[missing]),
        reverse("deliberation:report", args=[missing]),
    ):
        assert client.get(address).status_code == 404, address


def test_the_demo_s_allies_group_talks_about_fair_decisions(demo: None) -> None:
    # Loading it twice makes nothing again: home/tests/test_load_demo.py counts every table.
    fair = Conversation.objects.get(place__group_name="Allies Group")
    assert fair.title == "What makes a decision fair?"
    members = set(fair.place.memberships.values_list("person_id", flat=True))
    taking_part = set(fair.participants.values_list("person_id", flat=True))
    assert taking_part and taking_part <= members
    assert fair.statements.count() == 6
    assert Reaction.objects.filter(statement__conversation=fair).count() >= 20
    assert Analysis.objects.filter(conversation=fair).exists()
    # The collective's own conversation on patient data is still there.
    assert Conversation.objects.filter(
        place__kind="collective", title__startswith="Principles for using patient data"
    ).exists()
