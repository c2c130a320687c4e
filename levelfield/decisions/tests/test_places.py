"""Decisions belong to a place: a project, a collective or a standing group such as an
Allies Group. A group's members start and answer its decisions; the collective's other
members see none of them; old project and collective addresses lead to the place."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from levelfield.decisions import participation, personal, services
from levelfield.decisions.manifest import MANIFEST
from levelfield.decisions.models import Decision, Method, Response
from levelfield.decisions.tests.factories import Team
from levelfield.lib.testing.world import World
from levelfield.people.models import User
from levelfield.places.access import collective_place
from levelfield.places.models import Place

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clock")]


@pytest.fixture
def allies(world: World) -> dict:
    """The world's Allies Group in Riverside: Mo (who started it) and Gita are in it; Cal
    is in the collective but not the group."""
    return {
        "group": world.group,
        "mo": world.member,
        "gita": world.group_member,
        "cal": world.collective_member,
    }


def _start_in(group: Place, person: User) -> Decision:
    return services.decision_create(
        place=group,
        created_by=person,
        method=Method.SINGLE_CHOICE,
        title="How should the Allies Group make decisions?",
        background="We try one way for six months.",
        options=["Consent", "Majority vote", "Consensus"],
        closes_at=timezone.now() + timedelta(days=10),
    )


def test_a_group_member_starts_and_answers_a_decision_in_the_group(
    client: Client, allies: dict
) -> None:
    group = allies["group"]
    client.force_login(allies["mo"])
    create = reverse("decisions:place_create", args=[group.pk])
    closes = timezone.localtime(timezone.now() + timedelta(days=10)).strftime("%Y-%m-%dT%H:%M")

    form_page = client.get(create, {"method": "single_choice"}).content.decode()
    assert "Allies Group" in form_page
    response = client.post(
        f"{create}?method=single_choice",
        {
            "title": "How should the Allies Group make decisions?",
            "background": "We try one way for six months.",
            "options": "Consent\nMajority vote\nConsensus",
            "closes_at": closes,
            "reasons_policy": "optional",
            "voice_check": "none",
            "voice_minimum": "1",
        },
    )

    decision = Decision.objects.get()
    assert response.status_code == 302
    assert decision.place == group
    # Gita, a member of the group, answers it.
    client.force_login(allies["gita"])
    consent = decision.options.get(label="Consent")
    answered = client.post(
        reverse("decisions:respond", args=[decision.pk]),
        {"choice": str(consent.pk), "reason": "Nobody's objection is ignored."},
    )
    assert answered.status_code == 302
    assert Response.objects.get(decision=decision).person == allies["gita"]
    # Who may respond is the group's members, not the whole collective.
    assert participation.figures_count(decision).members == 2
    assert list(participation.waiting_people(decision)) == [allies["mo"]]
    # The pages name the group and lead back to it.
    page = client.get(reverse("decisions:detail", args=[decision.pk])).content.decode()
    assert "Allies Group" in page
    assert group.get_absolute_url() in page
    log = client.get(reverse("decisions:place_log", args=[group.pk])).content.decode()
    assert "How should the Allies Group make decisions?" in log
    assert "this group" in log


def test_a_collective_member_outside_the_group_sees_none_of_its_decisions(
    client: Client, allies: dict
) -> None:
    group = allies["group"]
    decision = _start_in(group, allies["mo"])
    client.force_login(allies["cal"])
    for name, args in [
        ("decisions:place_log", [group.pk]),
        ("decisions:place_create", [group.pk]),
        ("decisions:place_export_csv", [group.pk]),
        ("decisions:detail", [decision.pk]),
        ("decisions:respond", [decision.pk]),
        ("decisions:discussion", [decision.pk]),
        ("decisions:people", [decision.pk]),
    ]:
        assert client.get(reverse(name, args=args)).status_code == 404, name
    refused = client.post(
        reverse("decisions:respond", args=[decision.pk]), {"choice": "1", "reason": ""}
    )
    assert refused.status_code == 404
    assert not Response.objects.exists()
    with pytest.raises(services.DecisionError):
        services.response_submit(
            decision=decision,
            person=allies["cal"],
            payload={"options": [decision.options.first().pk]},
        )
    with pytest.raises(services.DecisionError):
        _start_in(group, allies["cal"])
    # Nor is it on Cal's home page; it is on Gita's, named by the group.
    assert personal.needs(allies["cal"]) == []
    [need] = personal.needs(allies["gita"])
    assert need.place == "Allies Group"


def test_old_project_and_collective_addresses_lead_to_the_place(
    client: Client, team: Team
) -> None:
    collective = team.project.collective
    own = collective_place(collective.pk)
    client.force_login(team.starter)
    for old, new in [
        (
            reverse("decisions:project_log", args=[team.project.pk]),
            reverse("decisions:place_log", args=[team.place.pk]),
        ),
        (
            reverse("decisions:create_for_project", args=[team.project.pk]),
            reverse("decisions:place_create", args=[team.place.pk]),
        ),
        (
            reverse("decisions:export_csv", kwargs={"project_pk": team.project.pk}),
            reverse("decisions:place_export_csv", args=[team.place.pk]),
        ),
        (
            reverse("decisions:collective_log", args=[collective.slug]),
            reverse("decisions:place_log", args=[own.pk]),
        ),
        (
            reverse("decisions:create_for_collective", args=[collective.slug]),
            reverse("decisions:place_create", args=[own.pk]),
        ),
        (
            reverse("decisions:export_csv", kwargs={"slug": collective.slug}),
            reverse("decisions:place_export_csv", args=[own.pk]),
        ),
    ]:
        response = client.get(old)
        assert response.status_code == 301, old
        assert response["Location"] == new
    filtered = client.get(
        reverse("decisions:project_log", args=[team.project.pk]), {"status": "closed"}
    )
    assert filtered["Location"] == reverse("decisions:place_log", args=[team.place.pk]) + (
        "?status=closed"
    )


def test_an_unknown_place_is_a_404(client: Client, team: Team) -> None:
    client.force_login(team.starter)
    for name in ("decisions:place_log", "decisions:place_create", "decisions:place_export_csv"):
        assert client.get(reverse(name, args=[999999])).status_code == 404
    assert client.get(reverse("decisions:project_log", args=[999999])).status_code == 404
    assert client.get(reverse("decisions:collective_log", args=["nowhere"])).status_code == 404


def test_every_place_lists_its_decisions_with_the_open_ones_counted(
    team: Team, allies: dict, django_assert_max_num_queries: object
) -> None:
    [entry] = [e for e in MANIFEST.navigation if e.section == "decide"]
    group = allies["group"]
    assert entry.kinds == frozenset({"collective", "group", "project"})
    assert entry.url(group) == reverse("decisions:place_log", args=[group.pk])
    assert entry.count(group) is None
    _start_in(group, allies["mo"])
    _start_in(group, allies["gita"])
    with django_assert_max_num_queries(1):
        assert entry.count(group) == 2
    assert entry.count(team.place) is None
