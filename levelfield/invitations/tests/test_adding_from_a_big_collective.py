"""Adding someone from a big collective to one of its projects: the invite page does not
list the collective's thousands but finds members by name. Finding sends the form back
with the people found and nothing saved; choosing someone found adds them; someone
outside the collective, already in the project or whose account is switched off is
refused with a message on the field."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from levelfield.lib.testing.world import World
from levelfield.people.models import User
from levelfield.places import choosing
from levelfield.places.models import PlaceMembership
from levelfield.projects.models import Project
from levelfield.projects.tests.pages import error_summary_links

pytestmark = pytest.mark.django_db


def _url(project: Project) -> str:
    return reverse("projects:invite", args=[project.pk])


def _add(client: Client, project: Project, **data: str):  # noqa: ANN202 (a test response)
    return client.post(_url(project), {"form": "member", **data})


def _option(page: str, person: User) -> str | None:
    """'chosen' or 'not chosen' for `person`'s radio in the add form; None if not offered."""
    found = re.search(rf'name="member-person" type="radio" value="{person.pk}"( checked)?>', page)
    if found is None:
        return None
    return "chosen" if found.group(1) else "not chosen"


def _in_project(project: Project, person: User) -> bool:
    return PlaceMembership.objects.of_project(project).filter(person=person).exists()


@pytest.mark.usefixtures("big_places")
def test_a_member_finds_someone_in_the_collective_by_name_and_adds_them(
    client: Client, project: Project, member: User, priya: User
) -> None:
    client.force_login(member)

    # The page has a box to find people, and lists nobody until a search finds them.
    page = client.get(_url(project)).content.decode()
    assert 'name="member-person-find"' in page
    assert "Priya Shah" not in page

    # Finding sends the form back with Priya offered, the words kept and nothing saved.
    response = _add(client, project, **{"member-person-find": " pri ", "find": "member-person"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Priya Shah" in page and _option(page, priya) == "not chosen"
    assert 'name="member-person-find" type="search" value="pri"' in page
    assert "1 member found" in page
    assert "There is a problem" not in page
    assert not _in_project(project, priya)

    # Choosing her adds her to the project.
    response = _add(client, project, **{"member-person": str(priya.pk)})
    assert response.status_code == 302
    assert response["Location"] == reverse("places:members", args=[project.place.pk])
    assert _in_project(project, priya)


@pytest.mark.usefixtures("big_places")
def test_someone_outside_the_collective_is_refused_and_nothing_is_saved(
    client: Client, project: Project, member: User, outsider: User
) -> None:
    client.force_login(member)
    for value in (str(outsider.pk), "999999", "nobody"):
        response = _add(client, project, **{"member-person": value})
        assert response.status_code == 200, value  # the page again, with the message
        assert error_summary_links(response.content.decode()) == {
            "Choose someone from the collective who is not yet in the project": (
                "#id_member-person-find"
            )
        }, value
    assert not _in_project(project, outsider)


@pytest.mark.usefixtures("big_places")
def test_someone_found_who_is_already_in_the_project_is_not_added_twice(
    client: Client, world: World, project: Project, coordinator: User
) -> None:
    """A big collective's search does not leave out the project's own members (that would
    read the ids of a project of thousands); adding one of them says they are in it."""
    client.force_login(coordinator)
    page = _add(client, project, **{"member-person-find": "mo", "find": "member-person"})
    assert _option(page.content.decode(), world.member) == "not chosen"

    response = _add(client, project, **{"member-person": str(world.member.pk)})
    assert response.status_code == 200
    assert error_summary_links(response.content.decode()) == {
        "Mo is already a member of this project.": "#id_member-person-find"
    }
    assert PlaceMembership.objects.of_project(project).filter(person=world.member).count() == 1


@pytest.mark.parametrize("size", ["small", "big"])
def test_an_account_that_is_switched_off_is_not_added(
    client: Client,
    project: Project,
    member: User,
    priya: User,
    size: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    if size == "big":
        monkeypatch.setattr(choosing, "SMALL_PLACE", 1)
    priya.is_active = False
    priya.save(update_fields=["is_active"])
    client.force_login(member)

    found = _add(client, project, **{"member-person-find": "priya", "find": "member-person"})
    assert size == "big" or "Priya Shah" not in found.content.decode()
    response = _add(client, project, **{"member-person": str(priya.pk)})

    assert "Choose someone from the collective who is not yet in the project" in (
        response.content.decode()
    )
    assert not _in_project(project, priya)


def test_in_a_small_collective_everyone_not_yet_in_the_project_is_listed(
    client: Client, world: World, project: Project, member: User, priya: User
) -> None:
    client.force_login(member)
    page = client.get(_url(project)).content.decode()
    assert 'name="member-person-find"' not in page
    assert '<option value="" selected>Choose a person</option>' in page
    assert f'<option value="{priya.pk}">Priya Shah</option>' in page
    assert f'<option value="{world.collective_member.pk}">Cal</option>' in page
    assert ">Mo</option>" not in page and ">Cora</option>" not in page
