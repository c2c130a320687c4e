"""Members translate a story; readers see their language, or the original (issue 28)."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from levelfield.lib.testing.world import World
from levelfield.stories import services as story_services
from levelfield.stories.models import Story
from levelfield.translations import services
from levelfield.translations.models import Translation
from levelfield.translations.tests.conftest import WELSH, story_make

pytestmark = pytest.mark.django_db


def _client(person: object = None) -> Client:
    client = Client()
    if person is not None:
        client.force_login(person)
    return client


def _edit_url(story: Story, language: str = "cy") -> str:
    return reverse("translations:edit", args=["stories-story", story.pk, language])


def _translated(story: Story, world: World) -> Translation:
    return services.translation_save(obj=story, language="cy", text=WELSH, actor=world.member)


def _written(sql: list[dict]) -> list[str]:
    return [q["sql"] for q in sql if q["sql"].split()[0].upper() in {"INSERT", "UPDATE", "DELETE"}]


def test_a_member_translates_a_story_and_a_welsh_reader_sees_who_and_when(
    clock: object, world: World, story: Story
) -> None:
    mo = _client(world.member)
    form = mo.get(_edit_url(story))
    assert form.status_code == 200
    assert "Walking again" in form.content.decode()  # the original, beside the fields

    saved = mo.post(_edit_url(story), WELSH)

    assert saved.status_code == 302
    assert saved["Location"] == reverse("translations:object", args=["stories-story", story.pk])
    translation = Translation.objects.get()
    assert (translation.language, translation.translated_by) == ("cy", world.member)
    assert translation.text == WELSH

    page = _client().get(story.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="cy").content.decode()
    assert "Cerdded eto" in page and "<em>dri mis</em>" in page
    assert "Walking again" not in page
    assert "Mo" in page and "10 Mehefin 2026" in page  # who and when, in Welsh
    assert 'href="?original=1"' in page

    original = (
        _client()
        .get(story.get_absolute_url() + "?original=1", HTTP_ACCEPT_LANGUAGE="cy")
        .content.decode()
    )
    assert "Walking again" in original and "Cerdded eto" not in original


def test_an_english_reader_sees_the_original_and_no_notice(world: World, story: Story) -> None:
    _translated(story, world)

    page = _client().get(story.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en-gb").content.decode()

    assert "Walking again" in page
    assert "Cerdded eto" not in page
    assert "?original=1" not in page


def test_a_welsh_speaking_member_reads_welsh_whatever_their_browser_says(
    world: World, story: Story
) -> None:
    _translated(story, world)
    world.collective_member.language = "cy"
    world.collective_member.save(update_fields=["language"])

    page = _client(world.collective_member).get(
        story.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en-gb"
    )

    assert "Cerdded eto" in page.content.decode()
    assert "Cyfieithu’r dudalen hon" in page.content.decode()  # a member may translate


def test_changing_the_original_marks_the_translation_out_of_date(
    clock: object, world: World, story: Story
) -> None:
    _translated(story, world)
    up_to_date = _client().get(story.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="cy")
    assert "gall fod wedi dyddio" not in up_to_date.content.decode()

    story_services.story_update(
        story=story, actor=world.member, values={"summary": "Mo, three months on."}
    )

    page = _client().get(story.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="cy").content.decode()
    assert "Cerdded eto" in page
    assert "gall fod wedi dyddio" in page  # "it may be out of date"
    listing = _client(world.member).get(
        reverse("translations:object", args=["stories-story", story.pk])
    )
    assert "Out of date" in listing.content.decode()


def test_a_change_outside_the_translated_words_keeps_it_up_to_date(
    world: World, story: Story
) -> None:
    _translated(story, world)
    Story.objects.filter(pk=story.pk).update(co_written_with="Bea")

    page = _client().get(story.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="cy").content.decode()

    assert "gall fod wedi dyddio" not in page


def test_someone_who_may_not_read_the_story_gets_404_and_a_reader_who_may_not_translate_403(
    world: World,
) -> None:
    draft = story_services.story_create(
        collective=world.collective, author=world.member, values=dict(WELSH, kind="story")
    )
    public = story_make(world, title="Public story")

    assert _client(world.outsider).get(_edit_url(draft)).status_code == 404
    assert _client(world.outsider).get(_edit_url(public)).status_code == 403
    assert _client(world.former).post(_edit_url(public), WELSH).status_code == 403
    assert _client(world.member).get(_edit_url(draft)).status_code == 200
    assert not Translation.objects.exists()


def test_unknown_kinds_languages_and_ids_are_404(world: World, story: Story) -> None:
    mo = _client(world.member)
    assert mo.get(reverse("translations:object", args=["people-user", 1])).status_code == 404
    assert mo.get(reverse("translations:object", args=["stories-story", 0])).status_code == 404
    assert mo.get(_edit_url(story, "fr")).status_code == 404
    assert mo.get(_edit_url(story, "en-gb")).status_code == 404  # the original's language


def test_signing_in_comes_first(story: Story) -> None:
    response = _client().get(_edit_url(story))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_empty_words_get_a_message_naming_the_field_and_nothing_is_lost(
    world: World, story: Story
) -> None:
    response = _client(world.member).post(_edit_url(story), {**WELSH, "title": " "})

    assert response.status_code == 400
    page = response.content.decode()
    assert "There is a problem" in page
    assert "Enter the title in Cymraeg" in page
    assert WELSH["summary"] in page  # what they wrote comes back
    assert not Translation.objects.exists()


def test_an_empty_field_of_the_original_may_stay_empty(world: World) -> None:
    from levelfield.stories.models import PublicPage

    story_services.public_page_save(
        collective=world.collective, actor=world.coordinator, values={"welcome": "Hello."}
    )
    page = PublicPage.objects.get()
    url = reverse("translations:edit", args=["stories-publicpage", page.pk, "cy"])

    response = _client(world.member).post(url, {"welcome": "Helo."})

    assert response.status_code == 302
    assert Translation.objects.get().text == {
        "welcome": "Helo.",
        "about_coproduction": "",
        "get_involved": "",
    }
    home = _client().get(reverse("stories:home", args=["riverside"]), HTTP_ACCEPT_LANGUAGE="cy")
    assert "Helo." in home.content.decode()


def test_opening_the_pages_writes_nothing(world: World, story: Story) -> None:
    _translated(story, world)
    mo = _client(world.member)
    urls = [
        reverse("translations:object", args=["stories-story", story.pk]),
        _edit_url(story),
        reverse("translations:delete", args=["stories-story", story.pk, "cy"]),
        story.get_absolute_url(),
    ]
    with CaptureQueriesContext(connection) as queries:
        for url in urls:
            assert mo.get(url, HTTP_ACCEPT_LANGUAGE="cy").status_code == 200
    assert _written(queries.captured_queries) == []


def test_deleting_a_translation_asks_first_then_the_original_shows(
    world: World, story: Story
) -> None:
    _translated(story, world)
    url = reverse("translations:delete", args=["stories-story", story.pk, "cy"])
    mo = _client(world.member)

    assert "Delete the translation into Cymraeg?" in mo.get(url).content.decode()
    assert Translation.objects.exists()
    assert mo.post(url).status_code == 302

    assert not Translation.objects.exists()
    page = _client().get(story.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="cy").content.decode()
    assert "Walking again" in page
    assert mo.post(url).status_code == 404  # nothing left to delete


def test_the_list_shows_each_language_with_its_state(world: World, story: Story) -> None:
    url = reverse("translations:object", args=["stories-story", story.pk])
    mo = _client(world.member)
    assert "Not translated yet" in mo.get(url).content.decode()

    _translated(story, world)

    page = mo.get(url).content.decode()
    assert "Up to date" in page and "Translated by Mo on" in page
    assert _edit_url(story) in page


def test_deleting_the_story_deletes_its_translations(world: World, story: Story) -> None:
    _translated(story, world)
    Story.objects.filter(pk=story.pk).delete()
    assert not Translation.objects.exists()


def _story_page_queries(client: Client, story: Story, language: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert (
            client.get(story.get_absolute_url(), HTTP_ACCEPT_LANGUAGE=language).status_code == 200
        )
    return len(queries)


def test_the_story_page_costs_at_most_one_query_more_with_translations(
    world: World, story: Story, django_assert_num_queries: object
) -> None:
    reader = _client()
    english = _story_page_queries(reader, story, "en-gb")
    welsh_without = _story_page_queries(reader, story, "cy")
    assert welsh_without <= english + 1

    _translated(story, world)
    story_make(world, title="Another").pk  # noqa: B018 - more stories, same count
    for other in Story.objects.exclude(pk=story.pk):
        _translated(other, world)

    with django_assert_num_queries(english):  # type: ignore[operator]
        reader.get(story.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en-gb")
    with django_assert_num_queries(welsh_without):  # type: ignore[operator]
        reader.get(story.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="cy")


def test_a_translation_is_saved_with_the_time(clock: object, world: World, story: Story) -> None:
    translation = _translated(story, world)
    assert translation.translated_at.date() == datetime.date(2026, 6, 10)


def test_the_list_of_stories_shows_translated_titles_to_welsh_readers(
    world: World, story: Story
) -> None:
    _translated(story, world)
    story_make(world, title="Not translated")
    url = reverse("stories:list", args=["riverside"])

    welsh = _client().get(url, HTTP_ACCEPT_LANGUAGE="cy").content.decode()
    english = _client().get(url, HTTP_ACCEPT_LANGUAGE="en-gb").content.decode()

    assert "Cerdded eto" in welsh and "Not translated" in welsh
    assert "Walking again" not in welsh
    assert "Walking again" in english and "Cerdded eto" not in english
