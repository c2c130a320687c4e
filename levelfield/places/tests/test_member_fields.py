"""Choosing members in a form, in a place of any size: a small team ticks names from a
list of everyone; in a big place people find members by name (without JavaScript: the
Find button sends the form back with everything kept and nothing saved), and the page
costs the same whatever the place's size. Told through the forms that use it: who will
do a task, a story's co-authors, who joins the analysis team, who is credited."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from levelfield.analysis.models import TeamMember
from levelfield.analysis.services import team_join
from levelfield.collectives.tests.factories import CollectiveMembershipFactory
from levelfield.lib.testing.world import World
from levelfield.outputs.models import Output
from levelfield.outputs.tests.factories import output_make
from levelfield.people.models import User
from levelfield.people.tests.factories import UserFactory
from levelfield.places import choosing
from levelfield.places.member_fields import FOUND_SHOWN
from levelfield.projects.tests.factories import ProjectMembershipFactory
from levelfield.stories.models import Story
from levelfield.tasks.models import Task

pytestmark = pytest.mark.django_db


def _in_project(world: World, name: str) -> User:
    person = UserFactory(display_name=name)
    ProjectMembershipFactory(project=world.project, person=person)
    return person


def _signed_in(client: Client, person: User) -> Client:
    client.force_login(person)
    return client


def _new_task(world: World) -> str:
    return reverse("tasks:place_create", args=[world.project_place.pk])


# A small team: everyone listed, as before


def test_in_a_small_team_everyone_is_listed_to_choose_from(client: Client, world: World) -> None:
    page = _signed_in(client, world.coordinator).get(_new_task(world)).content.decode()
    assert 'name="owner-find"' not in page
    assert "Mo" in page and "Cora" in page
    assert "Anyone (nobody yet)" in page


# A big place: find by name, without JavaScript


@pytest.mark.usefixtures("big_places")
def test_in_a_big_place_the_form_lists_nobody_until_a_search_finds_them(
    client: Client, world: World
) -> None:
    _in_project(world, "Priya Shah")
    page = _signed_in(client, world.coordinator).get(_new_task(world)).content.decode()
    assert 'name="owner-find"' in page
    assert "Priya Shah" not in page
    assert "Anyone (nobody yet)" in page  # still the first choice


@pytest.mark.usefixtures("big_places")
def test_finding_sends_the_form_back_with_what_was_typed_and_saves_nothing(
    client: Client, world: World
) -> None:
    priya = _in_project(world, "Priya Shah")
    _in_project(world, "Sam Jones")
    response = _signed_in(client, world.coordinator).post(
        _new_task(world),
        {"title": "Book the room", "owner": "", "owner-find": "  priya  ", "find": "owner"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert not Task.objects.exists()
    assert f'value="{priya.pk}"' in page and "Priya Shah" in page
    assert "Sam Jones" not in page
    assert 'value="Book the room"' in page
    assert 'value="priya"' in page  # the search box keeps the words
    assert "1 member found" in page
    assert "There is a problem" not in page  # an unfinished form is not told off

    # Choosing the person found and saving gives them the task.
    response = client.post(
        _new_task(world), {"title": "Book the room", "owner": str(priya.pk), "owner-find": ""}
    )
    assert response.status_code == 302
    assert Task.objects.get().owner == priya


@pytest.mark.usefixtures("big_places")
def test_pressing_enter_in_another_box_with_the_search_box_empty_saves(
    client: Client, world: World
) -> None:
    # Browsers send the first button in the form, which is Find, when Enter is pressed.
    response = _signed_in(client, world.coordinator).post(
        _new_task(world),
        {"title": "Book the room", "owner": "", "owner-find": "", "find": "owner"},
    )
    assert response.status_code == 302
    assert Task.objects.get().owner is None


@pytest.mark.usefixtures("big_places")
def test_a_search_that_finds_nobody_or_too_many_says_so_in_plain_english(
    client: Client, world: World
) -> None:
    for number in range(FOUND_SHOWN + 3):
        _in_project(world, f"Alex {number:02}")
    client = _signed_in(client, world.coordinator)

    page = client.post(_new_task(world), {"owner-find": "Zebedee", "find": "owner"}).content
    assert "No member’s name has “Zebedee” in it." in page.decode()

    page = client.post(_new_task(world), {"owner-find": "alex", "find": "owner"}).content.decode()
    assert f"{FOUND_SHOWN + 3} members found; the first {FOUND_SHOWN} are shown." in page
    assert "Alex 00" in page and f"Alex {FOUND_SHOWN + 2}" not in page


@pytest.mark.usefixtures("big_places")
def test_someone_not_in_the_place_cannot_be_chosen_and_nothing_is_saved(
    client: Client, world: World
) -> None:
    client = _signed_in(client, world.coordinator)
    for value in (str(world.outsider.pk), str(world.former.pk), "999999", "nobody"):
        response = client.post(_new_task(world), {"title": "Book the room", "owner": value})
        page = response.content.decode()
        assert response.status_code == 400, value
        assert "Choose someone in this place, or anyone." in page, value
        assert 'href="#id_owner-find"' in page  # the summary leads to the search box
    assert not Task.objects.exists()


def _switched_off(person: User) -> User:
    person.is_active = False
    person.save(update_fields=["is_active"])
    return person


@pytest.mark.parametrize("big", [False, True], ids=["small team", "big place"])
def test_a_switched_off_account_is_not_offered_and_cannot_be_chosen(
    client: Client, world: World, monkeypatch: pytest.MonkeyPatch, big: bool
) -> None:
    if big:
        monkeypatch.setattr(choosing, "SMALL_PLACE", 1)
    gone = _switched_off(_in_project(world, "Priya Gone"))
    client = _signed_in(client, world.coordinator)
    page = client.post(_new_task(world), {"owner-find": "priya", "find": "owner"}).content
    assert "Priya Gone" not in page.decode()

    response = client.post(_new_task(world), {"title": "Book the room", "owner": str(gone.pk)})
    assert response.status_code == 400
    assert not Task.objects.exists()


@pytest.mark.parametrize("big", [False, True], ids=["small team", "big place"])
def test_a_task_keeps_its_owner_when_their_account_is_switched_off(
    client: Client, world: World, monkeypatch: pytest.MonkeyPatch, big: bool
) -> None:
    """Nothing is lost: the owner is still shown and kept when someone edits the task's
    title, until someone chooses another owner."""
    if big:
        monkeypatch.setattr(choosing, "SMALL_PLACE", 1)
    gone = _switched_off(_in_project(world, "Priya Gone"))
    task = Task.objects.create(place=world.project_place, title="Book the room", owner=gone)
    url = reverse("tasks:edit", args=[world.project_place.pk, task.pk])
    client = _signed_in(client, world.coordinator)
    page = client.get(url).content.decode()
    assert f'value="{gone.pk}" checked' in page or f'value="{gone.pk}" selected' in page

    response = client.post(url, {"title": "Book the big room", "owner": str(gone.pk)})
    assert response.status_code == 302
    task.refresh_from_db()
    assert (task.title, task.owner) == ("Book the big room", gone)


@pytest.mark.usefixtures("big_places")
def test_editing_shows_who_was_chosen_without_listing_everyone(
    client: Client, world: World
) -> None:
    _in_project(world, "Priya Shah")
    task = Task.objects.create(
        place=world.project_place, title="Book the room", owner=world.member
    )
    url = reverse("tasks:edit", args=[world.project_place.pk, task.pk])
    page = _signed_in(client, world.coordinator).get(url).content.decode()
    assert f'value="{world.member.pk}" checked' in page
    assert "Priya Shah" not in page


def test_the_form_costs_the_same_queries_whatever_the_place_size(
    client: Client, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(choosing, "SMALL_PLACE", 1)
    client = _signed_in(client, world.coordinator)
    find = {"title": "Book", "owner-find": "a", "find": "owner"}

    def queries() -> tuple[int, int]:
        with CaptureQueriesContext(connection) as opened:
            assert client.get(_new_task(world)).status_code == 200
        with CaptureQueriesContext(connection) as found:
            assert client.post(_new_task(world), find).status_code == 200
        return len(opened), len(found)

    before = queries()
    for number in range(30):
        _in_project(world, f"Alex {number:02}")
    assert queries() == before


# The same field in the other forms


@pytest.mark.usefixtures("big_places")
def test_a_story_is_co_written_with_members_found_by_name(client: Client, world: World) -> None:
    priya = UserFactory(display_name="Priya Shah")
    CollectiveMembershipFactory(collective=world.collective, person=priya)
    url = reverse("stories:new", args=[world.collective.slug])
    client = _signed_in(client, world.member)
    assert "Priya Shah" not in client.get(url).content.decode()

    story = {"kind": "story", "title": "Our Cuppa", "summary": "Tea.", "body": "We met."}
    page = client.post(url, {**story, "co_authors-find": "shah", "find": "co_authors"})
    assert page.status_code == 200 and "Priya Shah" in page.content.decode()
    assert not Story.objects.exists()

    response = client.post(url, {**story, "co_authors": [str(priya.pk)]})
    assert response.status_code == 302
    assert list(Story.objects.get().co_authors.all()) == [priya]

    response = client.post(
        url, {**story, "title": "Another", "co_authors": [str(world.outsider.pk)]}
    )
    assert response.status_code == 400
    assert "Choose co-authors who are members." in response.content.decode()


@pytest.mark.usefixtures("big_places")
def test_a_coordinator_adds_someone_found_to_the_analysis_team_but_not_twice(
    client: Client, world: World
) -> None:
    priya = _in_project(world, "Priya Shah")
    team_join(place=world.project_place, person=world.member)
    url = reverse("analysis:team", args=[world.project_place.pk])
    client = _signed_in(client, world.coordinator)
    assert 'name="person-find"' in client.get(url).content.decode()

    # Someone already on the team is not offered again.
    page = client.post(url, {"person-find": "mo", "find": "person"}).content.decode()
    assert f'value="{world.member.pk}"' not in page

    assert client.post(url, {"person": str(priya.pk)}).status_code == 302
    assert TeamMember.objects.filter(place=world.project_place, person=priya).exists()
    assert client.post(url, {"person": str(world.outsider.pk)}).status_code == 400


@pytest.mark.usefixtures("big_places")
def test_a_member_found_by_name_is_credited_on_an_output(client: Client, world: World) -> None:
    priya = _in_project(world, "Priya Shah")
    output: Output = output_make(place=world.project_place, actor=world.member)
    url = reverse("outputs:contributor_add", args=[output.pk])
    client = _signed_in(client, world.member)
    page = client.get(url).content.decode()
    assert "Priya Shah" not in page and "Someone without an account here" in page

    response = client.post(url, {"person": str(priya.pk)})
    assert response.status_code == 302
    assert output.contributors.get().person == priya
