"""Who may open each project page: the table every new URL joins."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from levelfield.collectives.tests.factories import CollectiveMembershipFactory
from levelfield.history.models import Change
from levelfield.people.models import User
from levelfield.people.tests.factories import UserFactory
from levelfield.places.models import JoinRequest, PlaceMembership
from levelfield.projects.models import (
    InvolvementEntry,
    Participation,
    Project,
)
from levelfield.projects.tests.factories import (
    InvolvementEntryFactory,
    ParticipationFactory,
    ProjectJoinRequestFactory,
    ProjectMembershipFactory,
)

# (url name, which objects the URL needs)
PROJECT_PAGES = [
    ("projects:detail", "project"),
    ("projects:edit", "project"),
    ("projects:history", "project"),
    ("places:members", "project"),
    ("projects:leave", "project"),
    ("places:log", "project"),
    ("places:log_add", "project"),
    ("places:log_entry", "entry"),
    ("places:log_edit", "entry"),
]

# (url name, which objects the URL needs, form data)
PROJECT_POSTS = [
    ("projects:edit", "project", {"title": "Taken over", "summary": "x", "stage": "design"}),
    ("projects:leave", "project", {}),
    ("places:coordinator_ask", "membership", {}),
    ("places:coordinator_accept", "project", {}),
    ("places:coordinator_decline", "project", {}),
    ("places:coordinator_step_down", "project", {}),
    ("projects:join_request_accept", "join_request", {}),
    ("projects:join_request_decline", "join_request", {"reason": "No"}),
    ("places:log_add", "project", {"title": "Sneaky", "happened_on": "2026-01-01"}),
    ("places:log_edit", "entry", {"title": "Sneaky", "happened_on": "2026-01-01"}),
]


@pytest.fixture
def objects(project: Project, member: User) -> dict[str, object]:
    asker = UserFactory(display_name="Asha")
    CollectiveMembershipFactory(collective=project.collective, person=asker)
    entry = InvolvementEntryFactory(project=project)
    ParticipationFactory(entry=entry, person=member, minutes=60)
    return {
        "project": project,
        "entry": entry,
        "membership": PlaceMembership.objects.of_project(project).get(person=member),
        "join_request": ProjectJoinRequestFactory(project=project, person=asker),
    }


def _url(name: str, needs: str, objects: dict[str, object]) -> str:
    thing = objects[needs]
    # The log's pages are the place's (every kind of place has one).
    project_pk = (
        objects["project"].place.pk if name.startswith("places:") else objects["project"].pk
    )
    if needs == "project":
        return reverse(name, args=[project_pk])
    return reverse(name, args=[project_pk, thing.pk])


def _log_in_as(role: str, client: Client, request: pytest.FixtureRequest) -> None:
    if role != "anonymous":
        client.force_login(request.getfixturevalue(role))


@pytest.mark.parametrize(("name", "needs"), PROJECT_PAGES)
@pytest.mark.parametrize(
    ("role", "status"),
    [("anonymous", 302), ("outsider", 404), ("member", 200), ("coordinator", 200)],
)
def test_each_project_page_is_shown_only_to_the_projects_members(
    client: Client,
    request: pytest.FixtureRequest,
    objects: dict[str, object],
    name: str,
    needs: str,
    role: str,
    status: int,
) -> None:
    _log_in_as(role, client, request)
    url = _url(name, needs, objects)

    response = client.get(url)

    assert response.status_code == status
    if role == "anonymous":
        assert response["Location"].startswith(reverse("account_login"))
        assert "next=" in response["Location"]


def _state() -> tuple[object, ...]:
    """Everything a project POST could change."""
    return (
        list(Project.objects.values_list("title", "summary", "stage")),
        list(
            PlaceMembership.objects.in_projects()
            .order_by("pk")
            .values_list("person_id", "coordinator_since", "coordinator_asked_at")
        ),
        list(JoinRequest.objects.order_by("pk").values_list("status", "answered_at")),
        list(InvolvementEntry.objects.values_list("title", "happened_on")),
        list(Participation.objects.values_list("person_id", "minutes")),
        Change.objects.count(),
    )


@pytest.mark.parametrize(("name", "needs", "data"), PROJECT_POSTS)
@pytest.mark.parametrize(("role", "status"), [("anonymous", 302), ("outsider", 404)])
def test_people_outside_the_project_cannot_change_it(
    client: Client,
    request: pytest.FixtureRequest,
    objects: dict[str, object],
    mailoutbox: list,
    name: str,
    needs: str,
    data: dict[str, str],
    role: str,
    status: int,
) -> None:
    _log_in_as(role, client, request)
    before = _state()

    response = client.post(_url(name, needs, objects), data)

    assert response.status_code == status
    assert _state() == before
    assert mailoutbox == []


@pytest.mark.parametrize(
    ("name", "needs"),
    [
        ("places:coordinator_ask", "membership"),
        ("places:coordinator_accept", "project"),
        ("places:coordinator_decline", "project"),
        ("projects:join_request_accept", "join_request"),
        ("projects:join_request_decline", "join_request"),
    ],
)
def test_changing_views_refuse_a_get(
    client: Client, member: User, objects: dict[str, object], name: str, needs: str
) -> None:
    client.force_login(member)
    assert client.get(_url(name, needs, objects)).status_code == 405


@pytest.mark.parametrize("role", ["member", "coordinator", "outsider"])
def test_the_list_and_start_pages_are_open_to_anyone_signed_in(
    client: Client, request: pytest.FixtureRequest, project: Project, role: str
) -> None:
    client.force_login(request.getfixturevalue(role))
    assert client.get(reverse("projects:list")).status_code == 200
    assert client.get(reverse("projects:create")).status_code == 200


@pytest.mark.parametrize("name", ["projects:list", "projects:create"])
def test_the_list_and_start_pages_ask_visitors_to_sign_in(client: Client, name: str) -> None:
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("places:log_entry", "entry"),
        ("places:log_edit", "entry"),
        ("places:coordinator_ask", "membership"),
        ("projects:join_request_accept", "join_request"),
        ("projects:join_request_decline", "join_request"),
    ],
)
def test_an_id_from_another_project_is_not_found(
    client: Client, member: User, objects: dict[str, object], name: str, kind: str
) -> None:
    elsewhere = ProjectMembershipFactory(person=member).project
    client.force_login(member)
    where = elsewhere.place.pk if name.startswith("places:") else elsewhere.pk
    url = reverse(name, args=[where, objects[kind].pk])

    response = client.post(url) if kind != "entry" else client.get(url)

    assert response.status_code == 404


@pytest.mark.parametrize(
    "url",
    ["/projects/999999/", "/places/999999/log/", "/places/999999/log/1/"],
)
def test_a_wrong_id_is_not_found(client: Client, member: User, url: str) -> None:
    client.force_login(member)
    assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    ("role", "status"),
    [("anonymous", 302), ("outsider", 404), ("collective_member", 200), ("member", 302)],
)
def test_the_ask_to_join_page_is_for_the_collectives_members_outside_the_project(
    client: Client,
    request: pytest.FixtureRequest,
    project: Project,
    mailoutbox: list,
    role: str,
    status: int,
) -> None:
    """Project members are sent on to the project; people outside the collective
    learn nothing, and their POST changes nothing."""
    if role == "collective_member":
        person = UserFactory()
        CollectiveMembershipFactory(collective=project.collective, person=person)
        client.force_login(person)
    else:
        _log_in_as(role, client, request)
    url = reverse("projects:join_request", args=[project.pk])
    response = client.get(url)
    assert response.status_code == status
    if role == "member":
        assert response["Location"] == reverse("projects:detail", args=[project.pk])
    if role in ("anonymous", "outsider", "member"):
        before = _state()
        assert client.post(url, {"message": "Let me in"}).status_code == status
        assert _state() == before
        assert mailoutbox == []
