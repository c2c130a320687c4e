"""Who may use the invitation pages of a collective or a project: visitors are sent to
sign in, people outside the place get "page not found" and change nothing, every member
(coordinator or not) gets the page. The join page is for anyone with the link."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from levelfield.collectives.models import Collective
from levelfield.collectives.tests.factories import CollectiveFactory
from levelfield.history.models import Change
from levelfield.invitations.models import Invitation
from levelfield.invitations.tests.factories import (
    CollectiveInvitationFactory,
    ProjectInvitationFactory,
)
from levelfield.lib.testing.world import World
from levelfield.people.models import User
from levelfield.places.models import PlaceMembership
from levelfield.projects.models import Project
from levelfield.projects.tests.factories import ProjectMembershipFactory

# (page, method, form data)
ROUTES = [
    ("invite", "get", None),
    ("invite", "post", {"form": "email", "email-emails": "new@example.org", "email-days": "7"}),
    ("invite", "post", {"form": "link", "link-days": "7"}),
    ("invitations", "get", None),
    ("invitation_withdraw", "post", {}),
]
IDS = [f"{method} {name} {(data or {}).get('form', '')}".strip() for name, method, data in ROUTES]


@pytest.fixture(params=["collective", "project"])
def place(request: pytest.FixtureRequest, collective: Collective, project: Project) -> Any:
    """Each test runs for a collective and for a project, each with a pending invitation."""
    if request.param == "collective":
        invitation = CollectiveInvitationFactory(collective=collective)
        return collective, invitation
    invitation = ProjectInvitationFactory(project=project)
    return project, invitation


def _url(place: Any, name: str) -> str:
    target, invitation = place
    extra = [invitation.pk] if name == "invitation_withdraw" else []
    if isinstance(target, Project):
        return reverse(f"projects:{name}", args=[target.pk, *extra])
    return reverse(f"collectives:{name}", args=[target.slug, *extra])


def _state() -> tuple:
    """Everything a POST could change, to check that a refused one changed nothing."""
    return (
        Change.objects.count(),
        list(Invitation.objects.order_by("pk").values()),
        list(PlaceMembership.objects.in_collectives().order_by("pk").values_list("pk")),
        list(PlaceMembership.objects.in_projects().order_by("pk").values_list("pk")),
    )


def _send(client: Client, method: str, url: str, data: dict | None) -> Any:
    return client.post(url, data or {}) if method == "post" else client.get(url)


@pytest.mark.parametrize(("name", "method", "data"), ROUTES, ids=IDS)
def test_a_visitor_is_asked_to_sign_in_and_changes_nothing(
    client: Client, place: Any, mailoutbox: list, name: str, method: str, data: dict | None
) -> None:
    before = _state()
    response = _send(client, method, _url(place, name), data)
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
    assert _state() == before
    assert mailoutbox == []


@pytest.mark.parametrize(("name", "method", "data"), ROUTES, ids=IDS)
def test_someone_outside_gets_not_found_and_changes_nothing(
    client: Client,
    place: Any,
    outsider: User,
    mailoutbox: list,
    name: str,
    method: str,
    data: dict | None,
) -> None:
    client.force_login(outsider)
    before = _state()
    response = _send(client, method, _url(place, name), data)
    assert response.status_code == 404
    assert _state() == before
    assert mailoutbox == []


@pytest.mark.parametrize(("name", "method", "data"), ROUTES, ids=IDS)
def test_every_member_can_use_every_page(
    client: Client,
    place: Any,
    member: User,
    name: str,
    method: str,
    data: dict | None,
) -> None:
    target, _ = place
    if isinstance(target, Project):
        # A project member who is not in the collective has the same rights there.
        ProjectMembershipFactory(project=target, person=(person := _project_only(target)))
    else:
        person = member
    client.force_login(person)
    before = _state()
    response = _send(client, method, _url(place, name), data)
    if method == "get":
        assert response.status_code == 200
    else:
        assert response.status_code == 302
        assert _state() != before
        assert client.get(response.url).status_code == 200


def _project_only(project: Project) -> User:
    return User.objects.create_user("project.only@example.org", display_name="Pat")


def test_a_collective_member_outside_the_project_cannot_invite_to_it(
    client: Client, world: World, project: Project, mailoutbox: list
) -> None:
    """Being in the collective is not enough: the project's own pages are its members'."""
    client.force_login(world.collective_member)  # Cal: in the collective, not the project
    before = _state()
    response = client.post(
        reverse("projects:invite", args=[project.pk]),
        {"form": "email", "email-emails": "new@example.org", "email-days": "7"},
    )
    assert response.status_code == 404
    assert _state() == before
    assert mailoutbox == []


def test_an_invitation_number_from_elsewhere_or_unknown_is_not_found(
    client: Client, collective: Collective, project: Project, member: User
) -> None:
    """Ids from another place, or that do not exist, are a 404, never a 500."""
    elsewhere = CollectiveInvitationFactory(collective=CollectiveFactory())
    in_the_project = ProjectInvitationFactory(project=project)
    in_the_collective = CollectiveInvitationFactory(collective=collective)
    client.force_login(member)
    before = _state()
    for url in (
        reverse("collectives:invitation_withdraw", args=[collective.slug, elsewhere.pk]),
        reverse("collectives:invitation_withdraw", args=[collective.slug, in_the_project.pk]),
        reverse("collectives:invitation_withdraw", args=[collective.slug, 999999]),
        reverse("projects:invitation_withdraw", args=[project.pk, in_the_collective.pk]),
        reverse("projects:invitation_withdraw", args=[project.pk, 999999]),
    ):
        assert client.post(url).status_code == 404, url
    assert _state() == before


def test_withdrawing_asks_to_confirm_first_and_a_get_changes_nothing(
    client: Client, place: Any, member: User
) -> None:
    client.force_login(member)
    before = _state()

    response = client.get(_url(place, "invitation_withdraw"))

    assert response.status_code == 200
    assert "Withdraw this invitation?" in response.content.decode()
    assert _state() == before


def test_the_join_page_is_open_to_anyone_with_the_link_and_answers_refuse_a_get(
    client: Client, place: Any, outsider: User
) -> None:
    _, invitation = place
    join = reverse("invitations:join", args=[invitation.token])
    assert client.get(join).status_code == 200
    client.force_login(outsider)
    before = _state()
    assert client.get(join).status_code == 403  # emailed to someone else: says so
    for answer in ("accept", "decline"):
        url = reverse(f"invitations:{answer}", args=[invitation.token])
        assert client.get(url).status_code == 405
    assert _state() == before
