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
)
from levelfield.history.models import Change
from levelfield.people.models import User
from levelfield.places.models import PlaceMembership


@dataclass(frozen=True)
class Route:
    name: str
    method: str = "get"
    data: dict[str, Any] | None = None

    def url(self, collective: Collective, target: PlaceMembership) -> str:
        return reverse(self.name, kwargs={"slug": collective.slug})


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
]
IDS = [f"{route.method} {route.name}" for route in ROUTES]
# The members page and the coordinator job are the collective's place's:
# levelfield/places/tests/test_members.py.
OUTSIDE_ROUTES = ROUTES
OUTSIDE_IDS = IDS


@pytest.fixture
def setting(collective: Collective, coordinator: User, member: User) -> dict[str, Any]:
    target_person = User.objects.create_user("target@example.org", display_name="Tam")
    target = PlaceMembership.objects.create(place=collective.own_place, person=target_person)
    return {"collective": collective, "target": target}


def _state(collective: Collective) -> tuple:
    """Everything a POST could change, to check that a refused one changed nothing."""
    return (
        Change.objects.count(),
        list(Collective.objects.values()),
        list(PlaceMembership.objects.in_collectives().order_by("pk").values()),
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


def test_a_wrong_collective_is_not_found(client: Client, member: User) -> None:
    """A collective that does not exist is a 404, never a 500."""
    client.force_login(member)
    assert (
        client.get(reverse("collectives:detail", args=["no-such-collective"])).status_code == 404
    )
