"""Opportunities, documents and the public page show members' translations too; one
query reads a whole list; the data download and erasure (issue 28)."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from levelfield.documents import services as document_services
from levelfield.home.services import person_data_export, person_delete
from levelfield.lib.testing.world import World
from levelfield.opportunities import services as opportunity_services
from levelfield.opportunities.models import Involvement, Mode, Opportunity, Region
from levelfield.stories.models import Story
from levelfield.translations import services
from levelfield.translations.models import Translation
from levelfield.translations.shown import shown_list, shown_one
from levelfield.translations.tests.conftest import WELSH, story_make

pytestmark = pytest.mark.django_db


def _client(person: object = None) -> Client:
    client = Client()
    if person is not None:
        client.force_login(person)
    return client


def _opportunity(world: World) -> Opportunity:
    world.collective.listed = True
    world.collective.save(update_fields=["listed"])
    opportunity = opportunity_services.opportunity_create(
        place=world.project_place,
        actor=world.member,
        title="Stroke survivors to shape our study",
        summary="Help us plan a study of life at home after a stroke.",
        who_for="People who have had a stroke, and their carers.",
        time_needed="2 hours a month",
        mode=Mode.ONLINE,
        region=Region.ANYWHERE,
        paid=True,
        payment="£25 an hour",
        involvement=Involvement.ADVISORY_GROUP,
        closes_on=timezone.localdate() + datetime.timedelta(days=14),
    )
    opportunity = opportunity_services.opportunity_submit(
        opportunity=opportunity, actor=world.member
    )
    return opportunity_services.opportunity_publish(
        opportunity=opportunity, actor=world.coordinator
    )


OPPORTUNITY_WELSH = {
    "title": "Goroeswyr strôc i lunio ein hastudiaeth",
    "summary": "Helpwch ni i gynllunio astudiaeth o fywyd gartref ar ôl strôc.",
    "who_for": "Pobl sydd wedi cael strôc, a’u gofalwyr.",
    "time_needed": "2 awr y mis",
    "payment": "£25 yr awr",
}


def test_a_welsh_reader_of_the_board_reads_the_translated_opportunity(world: World) -> None:
    opportunity = _opportunity(world)
    url = reverse("translations:edit", args=["opportunities-opportunity", opportunity.pk, "cy"])
    assert _client(world.member).post(url, OPPORTUNITY_WELSH).status_code == 302
    # Gita is in the collective but not in the project the opportunity belongs to.
    assert _client(world.group_member).get(url).status_code == 403

    page = _client().get(opportunity.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="cy")
    english = _client().get(opportunity.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en-gb")

    assert "Goroeswyr strôc i lunio ein hastudiaeth" in page.content.decode()
    assert "2 awr y mis" in page.content.decode()
    assert "Stroke survivors to shape our study" in english.content.decode()
    assert "Goroeswyr" not in english.content.decode()


def test_a_document_title_and_purpose_in_welsh_for_its_members(world: World) -> None:
    today = timezone.localdate()
    document = document_services.document_start(
        started_by=world.member,
        place=world.project_place,
        title="Payment policy",
        purpose="How we pay people.",
        text="# Rates\n\nWe pay £25 an hour.",
        questions=[],
        opens_on=today,
        closes_on=today + datetime.timedelta(days=28),
    )
    url = reverse("translations:edit", args=["documents-document", document.pk, "cy"])
    assert _client(world.outsider).get(url).status_code == 404
    response = _client(world.member).post(
        url, {"title": "Polisi talu", "purpose": "Sut rydyn ni’n talu pobl."}
    )
    assert response.status_code == 302

    page = _client(world.coordinator).get(document.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="cy")

    assert "Polisi talu" in page.content.decode()
    assert "Sut rydyn ni’n talu pobl." in page.content.decode()


def test_a_list_of_stories_is_read_in_one_query(world: World) -> None:
    stories = [story_make(world, title=f"Story {n}") for n in range(3)]
    for story in stories[:2]:
        services.translation_save(obj=story, language="cy", text=WELSH, actor=world.member)
    stories = list(Story.objects.filter(pk__in=[s.pk for s in stories]).order_by("pk"))

    with CaptureQueriesContext(connection) as queries:
        shown = shown_list(stories, language="cy")
    with CaptureQueriesContext(connection) as english:
        in_english = shown_list(stories, language="en-gb")

    assert len(queries) == 1
    assert len(english) == 0
    assert [s.obj.title for s in shown] == ["Cerdded eto", "Cerdded eto", "Story 2"]
    assert [s.translation is not None for s in shown] == [True, True, False]
    assert [s.obj.title for s in in_english] == ["Story 0", "Story 1", "Story 2"]
    assert stories[0].title == "Story 0"  # the original is untouched


def test_reading_in_the_readers_language(world: World) -> None:
    story = story_make(world)
    services.translation_save(obj=story, language="cy", text=WELSH, actor=world.member)
    with override("cy"):
        shown = shown_one(story)
    assert shown.text["title"] == "Cerdded eto"
    assert shown.translation is not None and not shown.out_of_date
    with override("cy"):
        original = shown_one(story, original=True)
    assert original.text["title"] == "Walking again"
    assert original.translation is None and original.available is not None


def test_the_service_checks_the_language_the_fields_and_the_translator(world: World) -> None:
    from django.core.exceptions import PermissionDenied, ValidationError

    story = story_make(world)
    with pytest.raises(ValidationError):
        services.translation_save(obj=story, language="fr", text=WELSH, actor=world.member)
    with pytest.raises(ValidationError):
        services.translation_save(
            obj=story, language="cy", text={**WELSH, "slug": "x"}, actor=world.member
        )
    with pytest.raises(PermissionDenied):
        services.translation_save(obj=story, language="cy", text=WELSH, actor=world.outsider)
    assert not Translation.objects.exists()


def test_the_download_holds_the_translations_a_person_made(world: World) -> None:
    story = story_make(world)
    services.translation_save(obj=story, language="cy", text=WELSH, actor=world.member)

    rows = person_data_export(person=world.member)["translations_you_made"]

    assert rows == [
        {
            "what": f"story {story.pk}",
            "language": "Cymraeg",
            "translated": rows[0]["translated"],
            "words": WELSH,
        }
    ]
    assert person_data_export(person=world.coordinator)["translations_you_made"] == []


def test_erasure_keeps_the_words_without_the_translators_name(world: World) -> None:
    story = story_make(world, body="Cal helped me.")
    services.translation_save(
        obj=story,
        language="cy",
        text={**WELSH, "body": "Helpodd Cal fi."},
        actor=world.collective_member,
    )

    person_delete(person=world.collective_member)

    translation = Translation.objects.get()
    assert translation.translated_by is None
    assert translation.text["title"] == "Cerdded eto"
    assert "Cal" not in translation.text["body"]


def test_a_welsh_reader_sees_the_event_in_welsh_and_can_read_the_original(world: World) -> None:
    from levelfield.events.tests.factories import EventFactory

    event = EventFactory(
        place=world.collective_place,
        title="Co-Pro Cuppa",
        description="An open conversation.",
        created_by=world.member,
    )
    services.translation_save(
        obj=event,
        language="cy",
        text={"title": "Paned Cyd-gynhyrchu", "description": "Sgwrs agored."},
        actor=world.member,
    )
    reader = _client(world.collective_member)
    reader.cookies["django_language"] = "cy"
    page = reader.get(reverse("events:detail", args=[event.pk])).content.decode()
    assert '<h1 class="govuk-heading-l">Paned Cyd-gynhyrchu</h1>' in page
    assert "Sgwrs agored." in page
    assert "?original=1" in page
    original = reader.get(reverse("events:detail", args=[event.pk]), {"original": "1"})
    assert '<h1 class="govuk-heading-l">Co-Pro Cuppa</h1>' in original.content.decode()

    english = _client(world.collective_member).get(reverse("events:detail", args=[event.pk]))
    assert '<h1 class="govuk-heading-l">Co-Pro Cuppa</h1>' in english.content.decode()

    # Deleting the event deletes its translations with it.
    event.delete()
    assert not Translation.objects.filter(object_id=event.pk, language="cy").exists()


def test_the_download_is_in_the_language_the_person_chose(world: World) -> None:
    story = story_make(world)
    services.translation_save(obj=story, language="cy", text=WELSH, actor=world.member)
    world.member.language = "cy"
    world.member.save(update_fields=["language"])

    rows = person_data_export(person=world.member)["translations_you_made"]

    assert rows[0]["what"] == f"stori {story.pk}"
