"""Choosing a course's facilitators in a big collective: the form lists the facilitators
already chosen and the members found by name, not all of a collective's thousands.
Finding sends the form back with everything typed kept and nothing saved; saving gives
the course (or the cohort) the people ticked; someone outside the collective is refused."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from levelfield.learning.models import Cohort
from levelfield.learning.tests.conftest import LearningWorld
from levelfield.people.models import User
from levelfield.projects.tests.pages import error_summary_links

pytestmark = pytest.mark.django_db


def _url(name: str, learning_world: LearningWorld) -> str:
    return reverse(
        f"learning:{name}", args=[learning_world.collective.slug, learning_world.course.pk]
    )


def _facilitator_box(page: str, person: User) -> str | None:
    """'ticked' or 'unticked' for `person`'s facilitator checkbox; None if not offered."""
    found = re.search(
        rf'name="facilitators" type="checkbox" value="{person.pk}"( checked)?>', page
    )
    if found is None:
        return None
    return "ticked" if found.group(1) else "unticked"


COURSE = {"title": "Paying people fairly", "summary": "Why and how.", "is_open": "on"}


@pytest.mark.usefixtures("big_places")
def test_a_facilitator_finds_a_member_by_name_and_makes_them_a_facilitator(
    learning_world: LearningWorld, client: Client, priya: User
) -> None:
    cora = learning_world.facilitator
    client.force_login(cora)
    url = _url("course_edit", learning_world)

    # The form shows who facilitates now and a box to find others, not every member.
    page = client.get(url).content.decode()
    assert 'name="facilitators-find"' in page
    assert _facilitator_box(page, cora) == "ticked"
    assert "Priya Shah" not in page

    # Finding sends the form back with Priya offered and what was typed kept.
    response = client.post(
        url,
        {
            **COURSE,
            "facilitators": [str(cora.pk)],
            "facilitators-find": "pri",
            "find": "facilitators",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Priya Shah" in page and _facilitator_box(page, priya) == "unticked"
    assert _facilitator_box(page, cora) == "ticked"
    assert 'value="Paying people fairly"' in page and "Why and how." in page
    assert "There is a problem" not in page
    course = learning_world.course
    course.refresh_from_db()
    assert course.title != "Paying people fairly"
    assert list(course.facilitators.all()) == [cora]

    # Ticking her and saving makes her a facilitator.
    response = client.post(url, {**COURSE, "facilitators": [str(cora.pk), str(priya.pk)]})
    assert response.status_code == 302
    course.refresh_from_db()
    assert course.title == "Paying people fairly"
    assert set(course.facilitators.all()) == {cora, priya}


@pytest.mark.usefixtures("big_places")
def test_someone_outside_the_collective_cannot_be_made_a_facilitator(
    learning_world: LearningWorld, client: Client
) -> None:
    client.force_login(learning_world.facilitator)
    response = client.post(
        _url("course_edit", learning_world),
        {**COURSE, "facilitators": [str(learning_world.outsider.pk)]},
    )
    assert response.status_code == 200  # the form again, with the message
    assert error_summary_links(response.content.decode()) == {
        "Choose facilitators from the list": "#id_facilitators-find"
    }
    course = learning_world.course
    course.refresh_from_db()
    assert course.title != "Paying people fairly"
    assert list(course.facilitators.all()) == [learning_world.facilitator]


COHORT = {
    "title": "Autumn run",
    "first_session": "2026-06-16T18:00",
    "session_minutes": "90",
    "repeat": "weekly",
    "ends_on": "2026-07-07",
    "format": "online",
}


@pytest.mark.usefixtures("big_places", "clock")
def test_a_cohort_is_set_up_with_a_facilitator_found_by_name(
    learning_world: LearningWorld, client: Client, priya: User
) -> None:
    client.force_login(learning_world.facilitator)
    url = _url("cohort_create", learning_world)

    page = client.get(url).content.decode()
    assert 'name="facilitators-find"' in page and "Priya Shah" not in page

    response = client.post(url, {**COHORT, "facilitators-find": "shah", "find": "facilitators"})
    page = response.content.decode()
    assert response.status_code == 200
    assert _facilitator_box(page, priya) == "unticked"
    assert 'value="Autumn run"' in page and 'value="2026-07-07"' in page
    assert "There is a problem" not in page
    assert not Cohort.objects.exists()

    response = client.post(url, {**COHORT, "facilitators": [str(priya.pk)]})
    assert response.status_code == 302
    assert set(Cohort.objects.get().facilitators.all()) == {learning_world.facilitator, priya}


@pytest.mark.usefixtures("big_places", "clock")
def test_a_cohort_cannot_be_facilitated_by_someone_outside_the_collective(
    learning_world: LearningWorld, client: Client
) -> None:
    client.force_login(learning_world.facilitator)
    response = client.post(
        _url("cohort_create", learning_world),
        {**COHORT, "facilitators": [str(learning_world.outsider.pk)]},
    )
    assert response.status_code == 200  # the form again, with the message
    assert error_summary_links(response.content.decode()) == {
        "Choose facilitators from the list": "#id_facilitators-find"
    }
    assert not Cohort.objects.exists()


def test_in_a_small_collective_every_member_is_listed_with_the_facilitators_ticked(
    learning_world: LearningWorld, client: Client, priya: User
) -> None:
    client.force_login(learning_world.facilitator)
    page = client.get(_url("course_edit", learning_world)).content.decode()
    assert 'name="facilitators-find"' not in page
    assert _facilitator_box(page, learning_world.facilitator) == "ticked"
    assert _facilitator_box(page, priya) == "unticked"
    assert _facilitator_box(page, learning_world.member) == "unticked"
    assert _facilitator_box(page, learning_world.outsider) is None
