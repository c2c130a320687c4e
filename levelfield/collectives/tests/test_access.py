"""Who may open each collective page: anonymous people are sent to sign in, people
outside the collective get "page not found" and change nothing, every member
(coordinator or not) gets the page."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from levelfield.collectives.models import (
    Collective,
    CollectiveKind,
    CollectiveMembership,
)
from levelfield.collectives.tests.factories import (
    CollectiveFactory,
    CollectiveMembershipFactory,
)
from levelfield.history.models import Change
from levelfield.people.models import User


@dataclass(frozen=True)
class Route:
    name: str
    method: str = "get"
    data: dict[str, Any] | None = None

    def url(self, collective: Collective, target: CollectiveMembership) -> str:
        kwargs: dict[str, Any] = {"slug": collective.slug}
        if self.name == "collectives:coordinator_ask":
            kwargs["membership_pk"] = target.pk
        return reverse(self.name, kwargs=kwargs)


ROUTES = [
    Route("collectives:detail"),
    Route("collectives:settings"),
    Route(
        "collectives:settings",
        "post",
        {
            "name": "Renamed",
            "description": "New words",
            "kind": CollectiveKind.CHARITY,
            "minimum_decision_days": "10",
        },
    ),
    Route("collectives:history"),
    Route("collectives:leave"),
    Route("collectives:leave", "post", {}),
    Route("collectives:coordinator_ask", "post", {}),
]
IDS = [f"{route.method} {route.name}" for route in ROUTES]
# A member's answers about their own coordinator job: tested in test_coordinator.py.
OWN_JOB_ROUTES = [
    Route("collectives:coordinator_accept", "post", {}),
    Route("collectives:coordinator_decline", "post", {}),
    Route("collectives:coordinator_step_down", "post", {}),
]
OUTSIDE_ROUTES = ROUTES + OWN_JOB_ROUTES
OUTSIDE_IDS = [f"{route.method} {route.name}" for route in OUTSIDE_ROUTES]


@pytest.fixture
def setting(collective: Collective, coordinator: User, member: User) -> dict[str, Any]:
    target_person = User.objects.create_user("target@example.org", display_name="Tam")
    target = CollectiveMembership.objects.create(collective=collective, person=target_person)
    return {"collective": collective, "target": target}


def _state(collective: Collective) -> tuple:
    """Everything a POST could change, to check that a refused one changed nothing."""
    return (
        Change.objects.count(),
        list(Collective.objects.values()),
        list(CollectiveMembership.objects.order_by("pk").values()),
    )


def _send(client: Client, route: Route, url: str) -> Any:
    if route.method == "post":
        return client.post(url, route.data or {})
    return client.get(url)


@pytest.mark.parametrize("route", OUTSIDE_ROUTES, ids=OUTSIDE_IDS)
def test_an_anonymous_visitor_is_asked_to_sign_in(
    client: Client, setting: dict[str, Any], route: Route
) -> None:
    url = route.url(**setting)
    before = _state(setting["collective"])
    response = _send(client, route, url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
    assert _state(setting["collective"]) == before


@pytest.mark.parametrize("route", OUTSIDE_ROUTES, ids=OUTSIDE_IDS)
def test_someone_outside_the_collective_gets_not_found_and_changes_nothing(
    client: Client, setting: dict[str, Any], outsider: User, route: Route
) -> None:
    client.force_login(outsider)
    before = _state(setting["collective"])
    response = _send(client, route, route.url(**setting))
    assert response.status_code == 404
    assert _state(setting["collective"]) == before


@pytest.mark.parametrize("who", ["member", "coordinator"])
@pytest.mark.parametrize("route", ROUTES, ids=IDS)
def test_every_member_can_use_every_page(
    client: Client,
    setting: dict[str, Any],
    request: pytest.FixtureRequest,
    who: str,
    route: Route,
) -> None:
    client.force_login(request.getfixturevalue(who))
    before = _state(setting["collective"])
    response = _send(client, route, route.url(**setting))
    if route.method == "get":
        assert response.status_code == 200
    else:
        assert response.status_code == 302
        assert _state(setting["collective"]) != before
        assert client.get(response.url).status_code == 200


@pytest.mark.parametrize("name", ["collectives:list", "collectives:create"])
def test_pages_without_a_collective_need_only_an_account(
    client: Client, outsider: User, name: str
) -> None:
    url = reverse(name)
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
    client.force_login(outsider)
    assert client.get(url).status_code == 200


def test_a_wrong_membership_number_is_not_found(
    client: Client, setting: dict[str, Any], member: User, outsider: User
) -> None:
    """Ids from another collective, or that do not exist, are a 404, never a 500."""
    elsewhere = CollectiveFactory()
    other_membership = CollectiveMembershipFactory(collective=elsewhere, person=outsider)
    slug = setting["collective"].slug
    client.force_login(member)
    before = _state(setting["collective"])
    urls = [
        reverse("collectives:coordinator_ask", args=[slug, other_membership.pk]),
        reverse("collectives:coordinator_ask", args=[slug, 999999]),
    ]
    for url in urls:
        assert client.post(url).status_code == 404
    assert (
        client.get(reverse("collectives:detail", args=["no-such-collective"])).status_code == 404
    )
    assert _state(setting["collective"]) == before


@pytest.mark.parametrize(
    "name",
    [
        "collectives:coordinator_ask",
        "collectives:coordinator_accept",
        "collectives:coordinator_decline",
        "collectives:coordinator_step_down",
    ],
)
def test_changing_views_refuse_get(
    client: Client, setting: dict[str, Any], member: User, name: str
) -> None:
    route = Route(name)
    client.force_login(member)
    assert client.get(route.url(**setting)).status_code == 405
