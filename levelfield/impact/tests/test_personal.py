"""A person's impact records in their data download; erasure keeps the place's record
of what changed without the link to them or their name; the home shows what was
published lately in their places."""

from __future__ import annotations

import pytest

from levelfield.home.services import person_data_export, person_delete
from levelfield.impact import personal, services
from levelfield.impact.models import Impact
from levelfield.impact.tests.factories import impact_make

pytestmark = pytest.mark.django_db


def test_the_download_holds_what_they_recorded_and_published(world) -> None:
    impact = impact_make(place=world.project_place, actor=world.member)
    services.impact_publish(actor=world.coordinator, impact=impact)
    recorded = person_data_export(person=world.member)["impacts_you_recorded"]
    assert recorded[0]["impact"] == impact.title
    assert recorded[0]["for_whom"] == "Patients and service users"
    assert recorded[0]["status"] == "Published"
    published = person_data_export(person=world.coordinator)["impacts_you_published"]
    assert published[0]["impact"] == impact.title


def test_erasure_keeps_the_impact_without_their_name_or_link(world) -> None:
    name = world.member.name
    impact = impact_make(
        place=world.project_place,
        actor=world.member,
        what_changed=f"{name} persuaded the ward to rewrite its letter.",
    )
    outside = impact_make(
        place=world.project_place, actor=world.coordinator, title="Cora's own record"
    )
    person_delete(person=world.member)
    kept = Impact.objects.get(pk=impact.pk)
    assert kept.recorded_by is None
    assert name not in kept.what_changed and "A former member" in kept.what_changed
    assert Impact.objects.get(pk=outside.pk).recorded_by == world.coordinator


def test_the_home_shows_impacts_published_lately_in_their_places(world, clock) -> None:
    impact = impact_make(place=world.project_place, actor=world.member)
    assert personal.recent(world.member) == []  # a draft is not news yet
    services.impact_publish(actor=world.coordinator, impact=impact)
    [happening] = personal.recent(world.member)
    assert happening.label == "Impact: Clinic letters rewritten"
    assert happening.url == impact.get_absolute_url()
    assert personal.recent(world.outsider) == []
