"""The log's count and the project page's latest entries are kept per version of the
log: an entry recorded or corrected shows on the next request."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from levelfield.lib.testing.world import World
from levelfield.places import views
from levelfield.projects import services as project_services
from levelfield.projects.models import InvolvementEntry, Stage

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clock")]


def _record(world: World, title: str) -> InvolvementEntry:
    return project_services.involvement_entry_create(
        place=world.project_place,
        recorded_by=world.member,
        title=title,
        happened_on=datetime.date(2026, 3, 1),
        stage=Stage.DESIGN,
        kind="meeting",
        participants={world.member: 60},
    )


def test_a_new_entry_adds_a_page_to_the_log_at_once(
    client: Client, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(views, "PAGE_SIZE", 1)
    _record(world, "First meeting")
    client.force_login(world.member)
    url = reverse("places:log", args=[world.project_place.pk])
    assert client.get(url).status_code == 200
    assert client.get(url + "?page=2").status_code == 404
    _record(world, "Second meeting")
    second = client.get(url + "?page=2")
    assert second.status_code == 200
    assert "First meeting" in second.content.decode()


def test_the_project_page_shows_a_new_or_corrected_entry_at_once(
    client: Client, world: World
) -> None:
    client.force_login(world.member)
    url = reverse("projects:detail", args=[world.project.pk])
    assert "Nothing is recorded yet" in client.get(url).content.decode()

    entry = _record(world, "Reading group")
    html = client.get(url).content.decode()
    assert "Reading group" in html
    assert "1 entry so far, with 1 hour given in total." in html

    project_services.involvement_entry_update(
        entry=entry,
        actor=world.member,
        title="Reading group on consent",
        happened_on=entry.happened_on,
        stage=entry.stage,
        kind=entry.kind,
        participants={world.member: 120},
    )
    html = client.get(url).content.decode()
    assert "Reading group on consent" in html
    assert "2 hours given in total" in html


def test_the_filters_show_the_choice_asked_for(client: Client, world: World) -> None:
    """The log's filters are kept per choice asked for: each choice shows as chosen,
    and a choice that is not in the list is named with its error."""
    client.force_login(world.member)
    url = reverse("places:log", args=[world.project_place.pk])

    design = client.get(url + "?stage=design").content.decode()
    analysis = client.get(url + "?stage=analysis&kind=meeting").content.decode()
    wrong = client.get(url + "?stage=nowhere").content.decode()

    assert '<option value="design" selected>' in design
    assert '<option value="analysis" selected>' in analysis
    assert '<option value="design" selected>' not in analysis
    assert '<option value="meeting" selected>' in analysis
    assert "Choose a stage from the list" in wrong and "Choose a stage" not in design
