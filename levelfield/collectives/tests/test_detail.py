"""A collective's home page: what it is for, its projects and its members."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from levelfield.collectives import views
from levelfield.collectives.models import Collective
from levelfield.collectives.tests.factories import (
    CollectiveFactory,
    CollectiveMembershipFactory,
)
from levelfield.people.models import PerspectiveKind, User, Visibility
from levelfield.people.tests.factories import PerspectiveFactory, UserFactory
from levelfield.places import members
from levelfield.projects import services as project_services
from levelfield.projects.models import Stage
from levelfield.projects.tests.factories import ProjectFactory, ProjectMembershipFactory


def test_a_member_sees_the_collectives_projects_and_members(
    client: Client, collective: Collective, coordinator: User, member: User
) -> None:
    project = ProjectFactory(collective=collective, title="Respite care study", stage=Stage.ETHICS)
    ProjectMembershipFactory(project=project, person=member)
    ProjectMembershipFactory(project=project, person=coordinator)
    ProjectFactory(collective=CollectiveFactory(), title="Not ours")
    client.force_login(member)

    response = client.get(reverse("collectives:detail", args=[collective.slug]))

    html = response.content.decode()
    assert collective.description in html
    assert "Respite care study" in html
    assert reverse("projects:detail", args=[project.pk]) in html
    assert "Ethics and approvals" in html
    assert list(response.context["page"])[0].member_count == 2
    assert "Not ours" not in html
    assert f"{reverse('projects:create')}?collective={collective.slug}" in html
    assert "Start a project" in html
    assert reverse("home:person", args=[coordinator.pk]) in html
    assert "Cora" in html and "Mo" in html
    assert "Coordinator" in html


def test_members_show_only_the_perspectives_they_chose_to_share(
    client: Client, collective: Collective, member: User
) -> None:
    sharer = UserFactory(display_name="Sharer", perspectives_visibility=Visibility.MY_TEAMS)
    private = UserFactory(display_name="Private", perspectives_visibility=Visibility.ONLY_ME)
    PerspectiveFactory(person=sharer, kind=PerspectiveKind.CARER)
    PerspectiveFactory(person=private, kind=PerspectiveKind.OTHER, in_own_words="Secret diagnosis")
    for person in (sharer, private):
        CollectiveMembershipFactory(collective=collective, person=person)
    client.force_login(member)

    html = client.get(reverse("collectives:detail", args=[collective.slug])).content.decode()

    # Look in each person's own row, so words elsewhere on the page do not count.
    assert "Carer" in _member_row(html, "Sharer")
    assert "Carer" not in _member_row(html, "Private")
    assert "None shared" in _member_row(html, "Private")
    assert "Secret diagnosis" not in html
    assert "Other" not in html


def _member_row(html: str, name: str) -> str:
    """The words of the members table's row for the person called `name`.

    The page has a projects table too (the world's project), so look in every table body.
    """
    bodies = [part.split("</tbody>", 1)[0] for part in html.split("<tbody")[1:]]
    rows = [row for body in bodies for row in body.split("<tr")]
    matching = [row for row in rows if f">{name}</a>" in row]
    assert len(matching) == 1, f"one row for {name}"
    return re.sub(r"<[^>]+>", " ", matching[0])


def test_access_needs_are_never_shown_to_other_members(
    client: Client, collective: Collective, member: User
) -> None:
    needy = UserFactory(display_name="Nia", access_needs="Needs a hearing loop")
    CollectiveMembershipFactory(collective=collective, person=needy)
    client.force_login(member)
    html = client.get(reverse("collectives:detail", args=[collective.slug])).content.decode()
    assert "Nia" in html
    assert "hearing loop" not in html


def _fill(collective: Collective, count: int) -> None:
    """`count` more members, each sharing two perspectives, and `count` projects."""
    for _ in range(count):
        person = UserFactory()
        PerspectiveFactory(person=person, kind=PerspectiveKind.CARER)
        PerspectiveFactory(person=person, kind=PerspectiveKind.RESEARCHER)
        CollectiveMembershipFactory(collective=collective, person=person)
        project = ProjectFactory(collective=collective)
        ProjectMembershipFactory(project=project, person=person)


def _queries_for_detail(
    client: Client, django_assert_max_num_queries: Callable, count: int
) -> int:
    collective = CollectiveFactory()
    viewer = UserFactory()
    CollectiveMembershipFactory(collective=collective, person=viewer)
    _fill(collective, count)
    client.force_login(viewer)
    with django_assert_max_num_queries(QUERY_BOUND) as captured:
        response = client.get(reverse("collectives:detail", args=[collective.slug]))
    assert response.status_code == 200
    assert response.context["members_shown"] == min(count + 1, views.MEMBERS_ON_HOME)
    assert len(response.context["page"]) == min(count, views.PROJECTS_PER_PAGE)
    return len(captured.captured_queries)


# Session, user, membership with collective, members, their perspectives, how many
# members, how many projects, projects, the collective's places (its own, for its log,
# and its groups with their sizes), and the navigation's own: the place's version and,
# the first time at that version, the counts of open decisions, open tasks and impact
# drafts waiting to be published, and whether the person answers requests to join.
QUERY_BOUND = 14


def test_the_home_page_costs_the_same_queries_for_one_member_or_twenty(
    client: Client, db: None, django_assert_max_num_queries: Callable
) -> None:
    few = _queries_for_detail(client, django_assert_max_num_queries, 1)
    many = _queries_for_detail(client, django_assert_max_num_queries, 20)
    assert few == many


def test_a_big_collective_shows_its_first_members_and_pages_the_rest(
    client: Client, collective: Collective, member: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(views, "MEMBERS_ON_HOME", 3)
    monkeypatch.setattr(members, "MEMBERS_PER_PAGE", 3)
    for number in range(5):
        CollectiveMembershipFactory(
            collective=collective, person=UserFactory(display_name=f"Extra {number}")
        )
    client.force_login(member)

    home = client.get(reverse("collectives:detail", args=[collective.slug]))
    place = collective.places.get(kind="collective")
    members_url = reverse("places:members", args=[place.pk])
    assert home.context["members_shown"] == 3
    assert f"See all {home.context['member_count']} members" in home.content.decode()
    assert members_url in home.content.decode()

    last = client.get(members_url + "?page=3").content.decode()
    assert "Extra 4" in last and "Extra 0" not in last
    assert client.get(members_url + "?page=4").status_code == 404


def test_projects_are_shown_a_page_at_a_time(
    client: Client, collective: Collective, member: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(views, "PROJECTS_PER_PAGE", 2)
    for title in ("Alpha", "Beta", "Gamma"):
        ProjectFactory(collective=collective, title=title)
    client.force_login(member)
    url = reverse("collectives:detail", args=[collective.slug])

    assert "Gamma" not in client.get(url).content.decode()
    assert "Gamma" in client.get(url + "?page=2").content.decode()


def test_a_project_started_in_the_collective_is_paged_at_once(
    client: Client, collective: Collective, member: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The number of projects is kept per version of the collective's place: starting
    one records a change there, so the next page counts it."""
    monkeypatch.setattr(views, "PROJECTS_PER_PAGE", 2)
    ProjectFactory(collective=collective, title="Alpha")  # with the world's own project
    client.force_login(member)
    url = reverse("collectives:detail", args=[collective.slug])
    assert "?page=2" not in client.get(url).content.decode()

    project_services.project_create(
        collective=collective, created_by=member, title="Zeta", summary="A third project."
    )

    assert "?page=2" in client.get(url).content.decode()
    assert "Zeta" in client.get(url + "?page=2").content.decode()
