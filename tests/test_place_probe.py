"""The access probe: no page of one place is readable from another.

Every address that names a place (`<place_pk>`, or a place's own `places/<pk>/...`) is
opened, for the project and for the group of the one test world, by people who are in
the same collective but not in that place. Each must get a 404 and none of the place's
words; a member of the place gets the page. A feature that moves onto places is probed
as soon as its URLs take a place: there is no list here to forget to update.
"""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse

from levelfield.analysis import services as analysis
from levelfield.lib.testing.world import World
from levelfield.places.models import Place

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clock")]

# Pages of a group that everyone in its collective may open: what it is for and who is
# in it, so they can decide to join (levelfield/places/access.py).
SEEN_BY_THE_COLLECTIVE = {"places:group", "places:group_join", "places:group_create"}
# Pages only one kind of place has (any other kind's address is a 404 for everyone).
ONLY_FOR = {
    "places:group": "group",
    "places:group_join": "group",
    "places:group_leave": "group",
    "reflection:place_evidence": "project",
    "reviews:place_set_up": "collective",
    # partners: organisations and their contacts are the collective's own.
    "partners:place_list": "collective",
    "partners:place_create": "collective",
    # Only the research partners group (the one with reviews) has it.
    "reviews:leave": "the research partners group",
}
# Analysis belongs to projects, and beyond its front page and team only the analysis
# team opens it (levelfield/analysis/access.py): the probe's member joins the team.
ANALYSIS = "analysis:"


def _named_routes(
    patterns: list[URLPattern | URLResolver], namespace: str = ""
) -> list[tuple[str, set[str]]]:
    """(name with namespace, its arguments) for every named URL."""
    found = []
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = ":".join(filter(None, [namespace, pattern.namespace]))
            found += _named_routes(pattern.url_patterns, inner)
        elif pattern.name:
            name = ":".join(filter(None, [namespace, pattern.name]))
            found.append((name, set(pattern.pattern.converters)))
    return found


def place_routes() -> list[str]:
    """Every page addressed by a place alone."""
    routes = []
    for name, arguments in _named_routes(get_resolver().url_patterns):
        if arguments == {"place_pk"} or (name.startswith("places:") and arguments == {"pk"}):
            routes.append(name)
    return sorted(set(routes))


def _address(name: str, place: Place) -> str:
    try:
        return reverse(name, kwargs={"place_pk": place.pk})
    except NoReverseMatch:  # places' own older pages take `pk`
        return reverse(name, kwargs={"pk": place.pk})


def test_the_probe_finds_the_place_pages() -> None:
    # The involvement log is addressed by its place; if the probe found nothing, it
    # would pass whatever happened.
    assert "places:log" in place_routes()
    assert len(place_routes()) >= 5


@pytest.mark.parametrize("name", place_routes())
def test_a_projects_pages_are_not_readable_from_another_place(world: World, name: str) -> None:
    address = _address(name, world.project_place)
    for person in (world.group_member, world.collective_member, world.former):
        client = Client()
        client.force_login(person)
        response = client.get(address)
        # 405: a form that only takes POST answers GET the same way to everyone.
        assert response.status_code in (404, 405), f"{person} opened {address}"
        assert world.project.title not in response.content.decode()


@pytest.mark.parametrize("name", place_routes())
def test_a_groups_pages_are_not_readable_from_another_place(world: World, name: str) -> None:
    if name in SEEN_BY_THE_COLLECTIVE:
        pytest.skip("open to the group's collective by design")
    address = _address(name, world.group)
    for person in (world.collective_member, world.coordinator, world.outsider):
        client = Client()
        client.force_login(person)
        response = client.get(address)
        assert response.status_code in (404, 405), f"{person} opened {address}"
        assert world.group.name not in response.content.decode()


@pytest.mark.parametrize("name", place_routes())
def test_a_places_members_reach_its_pages(world: World, name: str) -> None:
    if name.startswith(ANALYSIS):
        analysis.team_join(place=world.project_place, person=world.member)
    for place, person in ((world.project_place, world.member), (world.group, world.group_member)):
        only_for = "project" if name.startswith(ANALYSIS) else ONLY_FOR.get(name, place.kind)
        if only_for != place.kind:
            continue
        client = Client()
        client.force_login(person)
        response = client.get(_address(name, place))
        # A page may be a form that only takes POST (405), or send a member on (302).
        assert response.status_code in (200, 302, 405), (name, place.name, response.status_code)
