"""A document's text read in Welsh: a member translates a published version's text; a
Welsh reader reads the translated paragraphs in place of the original's (with their
figures and links to comment), or the translation whole when its paragraphs do not line
up; the original is a click away (issue 28)."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from levelfield.documents import services as document_services
from levelfield.documents.models import Document
from levelfield.lib.testing.world import World

pytestmark = pytest.mark.django_db

TEXT = "# Rates\n\nWe pay £25 an hour.\n\n# Travel\n\nWe pay for your bus or train."
WELSH = (
    "# Cyfraddau\n\nRydyn ni’n talu £25 yr awr.\n\n"
    "# Teithio\n\nRydyn ni’n talu am eich bws neu drên."
)


def _client(person: Any) -> Client:
    client = Client()
    client.force_login(person)
    return client


def _document(world: World) -> Document:
    today = timezone.localdate()
    return document_services.document_start(
        started_by=world.member,
        place=world.project_place,
        title="Payment policy",
        purpose="How we pay people.",
        text=TEXT,
        questions=[],
        opens_on=today,
        closes_on=today + datetime.timedelta(days=28),
    )


def _translate_text(world: World, document: Document, words: str) -> Any:
    version = document.versions.get()
    url = reverse("translations:edit", args=["documents-version", version.pk, "cy"])
    return _client(world.member).post(url, {"text": words})


def _welsh_reader(world: World) -> Client:
    world.coordinator.language = "cy"
    world.coordinator.save(update_fields=["language"])
    return _client(world.coordinator)


def test_a_welsh_reader_reads_the_translated_paragraphs_in_place(world: World) -> None:
    document = _document(world)
    page = _client(world.member).get(document.get_absolute_url()).content.decode()
    version = document.versions.get()
    assert reverse("translations:object", args=["documents-version", version.pk]) in page

    assert _translate_text(world, document, WELSH).status_code == 302

    welsh = _welsh_reader(world).get(document.get_absolute_url()).content.decode()
    assert "Rydyn ni’n talu £25 yr awr." in welsh and "Cyfraddau" in welsh
    assert "We pay £25 an hour." not in welsh
    # Each paragraph keeps its link to comment on it.
    first = version.paragraphs.get(position=2)
    assert reverse("documents:paragraph", args=[document.pk, first.pk]) in welsh
    original = _welsh_reader(world).get(document.get_absolute_url() + "?original=1")
    assert "We pay £25 an hour." in original.content.decode()
    english = _client(world.member).get(document.get_absolute_url()).content.decode()
    assert "We pay £25 an hour." in english and "Rydyn ni’n talu" not in english


def test_a_translation_that_does_not_line_up_is_shown_whole(world: World) -> None:
    document = _document(world)
    _translate_text(world, document, "Rydyn ni’n talu £25 yr awr a’ch costau teithio.")

    welsh = _welsh_reader(world).get(document.get_absolute_url()).content.decode()

    assert "Rydyn ni’n talu £25 yr awr a’ch costau teithio." in welsh
    assert "We pay £25 an hour." in welsh  # the original's paragraphs, to comment on


def test_only_readers_may_see_and_members_translate_the_text(world: World) -> None:
    document = _document(world)
    version = document.versions.get()
    url = reverse("translations:edit", args=["documents-version", version.pk, "cy"])

    assert _client(world.outsider).get(url).status_code == 404
    assert _client(world.member).get(url).status_code == 200


def test_the_page_costs_two_queries_more_with_the_text_translated(world: World) -> None:
    """The translation, and the version's whole text: the page reads it only when a
    translation is shown (to tell whether it is out of date), as other readers need only
    the paragraphs."""
    document = _document(world)
    english = _client(world.member)
    welsh = _welsh_reader(world)
    with CaptureQueriesContext(connection) as before:
        english.get(document.get_absolute_url())
    _translate_text(world, document, WELSH)
    with CaptureQueriesContext(connection) as after:
        welsh.get(document.get_absolute_url())
    assert len(after) <= len(before) + 2
