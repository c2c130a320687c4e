"""Who can open each page: members only; everyone else gets a 404 and changes nothing."""

from __future__ import annotations

import zoneinfo
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import pytest
from django.urls import reverse

from levelfield.collectives.tests.factories import CollectiveMembershipFactory
from levelfield.decisions import services
from levelfield.decisions.models import Decision, DiscussionPoint, Method, Outcome, Response
from levelfield.decisions.tests.factories import later
from levelfield.people.tests.factories import UserFactory
from levelfield.places.access import collective_place
from levelfield.projects.tests.factories import ProjectFactory, ProjectMembershipFactory

pytestmark = pytest.mark.django_db


@dataclass
class World:
    project: Any
    collective: Any
    open_decision: Decision
    closed_poll: Decision
    collective_decision: Decision
    people: dict[str, Any]


@pytest.fixture
def world(db: None) -> World:
    project = ProjectFactory()
    collective = project.collective
    member, coordinator = UserFactory(), UserFactory()
    ProjectMembershipFactory(project=project, person=member)
    ProjectMembershipFactory(project=project, person=coordinator, is_coordinator=True)
    # In the collective but not the project: may not see the project's decisions.
    collective_only = UserFactory()
    CollectiveMembershipFactory(collective=collective, person=collective_only)
    CollectiveMembershipFactory(collective=collective, person=member)
    CollectiveMembershipFactory(collective=collective, person=coordinator, is_coordinator=True)
    open_decision = services.decision_create(
        created_by=member,
        place=project.place,
        method=Method.PROPOSAL,
        title="Open proposal",
        background="Background.",
        closes_at=datetime.now(tz=zoneinfo.ZoneInfo("UTC")) + timedelta(days=8),
    )
    start = datetime(2030, 1, 1, 10, tzinfo=zoneinfo.ZoneInfo("Europe/London"))
    closed_poll = services.decision_create(
        created_by=member,
        place=project.place,
        method=Method.TIME_POLL,
        title="When?",
        background="Find a time.",
        closes_at=datetime.now(tz=zoneinfo.ZoneInfo("UTC")) + timedelta(days=8),
        times=[
            services.ProposedTime(start, start + timedelta(hours=1)),
            services.ProposedTime(start + timedelta(days=1), start + timedelta(days=1, hours=1)),
        ],
    )
    services.decision_close(decision=closed_poll, now=later(closed_poll))
    services.outcome_write(
        decision=closed_poll,
        person=member,
        statement="First one.",
        chosen_option=closed_poll.options.first(),
        now=later(closed_poll),
    )
    collective_decision = services.decision_create(
        created_by=member,
        place=collective_place(collective.pk),
        method=Method.CONSENT,
        title="Collective consent",
        background="Background.",
        closes_at=datetime.now(tz=zoneinfo.ZoneInfo("UTC")) + timedelta(days=8),
    )
    return World(
        project=project,
        collective=collective,
        open_decision=open_decision,
        closed_poll=closed_poll,
        collective_decision=collective_decision,
        people={
            "member": member,
            "coordinator": coordinator,
            "collective_only": collective_only,
            "stranger": UserFactory(),
        },
    )


PAGES = [
    ("decisions:place_log", lambda w: {"place_pk": w.project.place.pk}),
    ("decisions:place_create", lambda w: {"place_pk": w.project.place.pk}),
    ("decisions:place_export_csv", lambda w: {"place_pk": w.project.place.pk}),
    ("decisions:detail", lambda w: {"pk": w.open_decision.pk}),
    ("decisions:respond", lambda w: {"pk": w.open_decision.pk}),
    ("decisions:discussion", lambda w: {"pk": w.open_decision.pk}),
    ("decisions:outcome", lambda w: {"pk": w.closed_poll.pk}),
    ("decisions:ics", lambda w: {"pk": w.closed_poll.pk}),
]
COLLECTIVE_PAGES = [
    ("decisions:place_log", lambda w: {"place_pk": w.collective_decision.place_id}),
    ("decisions:place_create", lambda w: {"place_pk": w.collective_decision.place_id}),
    ("decisions:place_export_csv", lambda w: {"place_pk": w.collective_decision.place_id}),
    ("decisions:detail", lambda w: {"pk": w.collective_decision.pk}),
    ("decisions:respond", lambda w: {"pk": w.collective_decision.pk}),
]


@pytest.mark.parametrize(("name", "kwargs"), PAGES)
@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("anonymous", 302),
        ("stranger", 404),
        ("collective_only", 404),
        ("member", 200),
        ("coordinator", 200),
    ],
)
def test_project_decision_pages(
    client: object, world: World, name: str, kwargs: Any, role: str, status: int
) -> None:
    if role != "anonymous":
        client.force_login(world.people[role])
    response = client.get(reverse(name, kwargs=kwargs(world)))
    assert response.status_code == status
    if role == "anonymous":
        assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize(("name", "kwargs"), COLLECTIVE_PAGES)
@pytest.mark.parametrize(
    ("role", "status"),
    [("anonymous", 302), ("stranger", 404), ("collective_only", 200), ("coordinator", 200)],
)
def test_collective_decision_pages(
    client: object, world: World, name: str, kwargs: Any, role: str, status: int
) -> None:
    if role != "anonymous":
        client.force_login(world.people[role])
    assert client.get(reverse(name, kwargs=kwargs(world))).status_code == status


def test_wrong_ids_are_404s(client: object, world: World) -> None:
    client.force_login(world.people["member"])
    assert client.get(reverse("decisions:detail", args=[999999])).status_code == 404
    for name in ("decisions:place_log", "decisions:place_create", "decisions:place_export_csv"):
        assert client.get(reverse(name, args=[999999])).status_code == 404
    # Old addresses of places that do not exist.
    assert client.get(reverse("decisions:project_log", args=[999999])).status_code == 404
    assert client.get(reverse("decisions:collective_log", args=["no-such-hub"])).status_code == 404
    # An open decision has no chosen time yet.
    assert client.get(reverse("decisions:ics", args=[world.open_decision.pk])).status_code == 404
    # Unknown form names on the talk page.
    url = reverse("decisions:discussion", args=[world.open_decision.pk])
    assert client.post(url, {"form": "other"}).status_code == 404


def _posts(w: World) -> list[tuple[str, dict, dict, Any]]:
    """(url, data, extra, how to count what changed)."""
    open_pk, poll_pk = w.open_decision.pk, w.closed_poll.pk
    create = reverse("decisions:place_create", args=[w.project.place.pk])
    closes = (later(w.open_decision, days=3)).strftime("%Y-%m-%dT%H:%M")
    return [
        (
            reverse("decisions:respond", args=[open_pk]),
            {"stance": "agree"},
            lambda: Response.objects.filter(decision_id=open_pk).count(),
        ),
        (
            reverse("decisions:discussion", args=[open_pk]),
            {"form": "point", "point-kind": "pro", "point-text": "Yes"},
            lambda: DiscussionPoint.objects.count(),
        ),
        (
            reverse("decisions:outcome", args=[poll_pk]),
            {"statement": "Changed", "chosen_option": str(w.closed_poll.options.last().pk)},
            lambda: Outcome.objects.filter(statement="Changed").count(),
        ),
        (
            f"{create}?method=proposal",
            {
                "title": "New",
                "background": "B",
                "closes_at": closes,
                "reasons_policy": "optional",
                "voice_check": "none",
                "voice_minimum": "1",
            },
            lambda: Decision.objects.count() - 3,
        ),
    ]


@pytest.mark.parametrize("index", range(4))
def test_outsiders_change_nothing_and_members_can(
    client: object, world: World, index: int
) -> None:
    url, data, changed = _posts(world)[index]
    for role in ("stranger", "collective_only"):
        client.force_login(world.people[role])
        assert client.post(url, data).status_code == 404
        assert changed() == 0
    client.logout()
    assert client.post(url, data).status_code == 302
    assert changed() == 0
    client.force_login(world.people["coordinator"])
    assert client.post(url, data).status_code == 302
    assert changed() == 1


def test_closing_early_is_for_members_only_and_asks_first(client: object, world: World) -> None:
    url = reverse("decisions:close_early", args=[world.open_decision.pk])
    for person in (world.people["member"], world.people["coordinator"]):
        services.response_submit(
            decision=world.open_decision, person=person, payload={"stance": "agree"}
        )
    client.force_login(world.people["stranger"])
    assert client.post(url).status_code == 404
    client.force_login(world.people["member"])
    asked = client.get(url)  # the question, on its own page: nothing closes yet
    assert asked.status_code == 200
    assert "Yes, close the decision now" in asked.content.decode()
    world.open_decision.refresh_from_db()
    assert world.open_decision.closed_at is None
    assert client.post(url).status_code == 302
    world.open_decision.refresh_from_db()
    assert world.open_decision.closed_at is not None
