"""Each page that may have an easy read links to it, and offers its writers to write one
(issue 28): a story (read by anyone once published), a course page (its facilitators
write), every declared kind found in the manifests."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from levelfield.easyread import registry, services
from levelfield.easyread.services import PointInput
from levelfield.learning.tests.factories import CourseFactory, ModuleFactory, PageFactory
from levelfield.lib.testing.world import World
from levelfield.translations.tests.conftest import story_make

pytestmark = pytest.mark.django_db

WRITE = "Write an easy read version"


def _client(person: object = None) -> Client:
    client = Client()
    if person is not None:
        client.force_login(person)
    return client


def test_every_kind_of_page_the_issue_names_may_have_an_easy_read() -> None:
    assert set(registry.easy_readables()) == {
        "stories.story",
        "events.event",
        "opportunities.opportunity",
        "documents.document",
        "learning.page",
        "payments.paymentpolicy",
    }


def test_a_published_story_links_to_its_easy_read_for_anyone(world: World) -> None:
    story = story_make(world)
    page = story.get_absolute_url()
    assert WRITE in _client(world.member).get(page).content.decode()
    assert WRITE not in _client().get(page).content.decode()

    services.easy_read_save(
        obj=story,
        title="Walking again",
        points=[PointInput("Mo had a stroke.", "feelings"), PointInput("Now Mo walks.", "yes")],
        actor=world.member,
    )

    easy = reverse("easyread:page", args=["stories-story", story.pk])
    assert easy in _client().get(page).content.decode()
    read = _client().get(easy)
    assert read.status_code == 200
    assert "Now Mo walks." in read.content.decode()
    assert 'alt="A heart"' in read.content.decode()


def test_a_course_page_offers_its_facilitators_to_write_the_easy_read(world: World) -> None:
    course = CourseFactory(collective=world.collective, facilitators=[world.coordinator])
    page = PageFactory(module=ModuleFactory(course=course))
    url = reverse("learning:page", args=[world.collective.slug, course.pk, page.pk])

    assert WRITE in _client(world.coordinator).get(url).content.decode()
    assert WRITE not in _client(world.member).get(url).content.decode()

    services.easy_read_save(
        obj=page,
        title="",
        points=[PointInput("We learn together.", "people")],
        actor=world.coordinator,
    )

    easy = reverse("easyread:page", args=["learning-page", page.pk])
    assert easy in _client(world.member).get(url).content.decode()
    assert _client(world.member).get(easy).status_code == 200
    assert _client(world.outsider).get(easy).status_code == 404
