"""`manage.py seed_scale`: the benchmark's data is valid as if made through the services."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count, Q, Sum

from levelfield.collectives.scale import network
from levelfield.events.models import Event, Registration, RegistrationStatus
from levelfield.opportunities.tests.topics import topics_restore
from levelfield.payments.models import Claim
from levelfield.people.models import User
from levelfield.people.scale import LOAD_PEOPLE, people_in_order
from levelfield.places.models import Place, PlaceMembership
from levelfield.projects.scale import big_project

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded() -> None:
    topics_restore()  # a data migration's rows, gone after a transactional test
    call_command("seed_scale", size="small", stdout=io.StringIO())


def test_the_small_network_has_the_large_ones_shape(seeded: None) -> None:
    ids = people_in_order()
    assert len(ids) == User.objects.count() >= LOAD_PEOPLE * 3
    assert network().own_place.memberships.count() == len(ids)
    big = big_project()
    assert PlaceMembership.objects.of_project(big).count() > LOAD_PEOPLE
    assert PlaceMembership.objects.of_project(big).get(person_id=ids[0]).is_coordinator


def test_counts_kept_on_rows_match_the_rows(seeded: None) -> None:
    events = Event.objects.annotate(
        places=Count(
            "registrations", filter=Q(registrations__status=RegistrationStatus.REGISTERED)
        ),
        waiting=Count("registrations", filter=Q(registrations__status=RegistrationStatus.WAITING)),
    )
    for event in events:
        assert (event.places_taken, event.waiting_count) == (event.places, event.waiting)
        assert event.places_taken <= event.capacity
    for claim in Claim.objects.annotate(lines_total=Sum("lines__amount")):
        assert claim.fee_total + claim.expense_total == claim.lines_total
    for place in Place.objects.annotate(members=Count("memberships")):
        assert place.member_count == place.members


def test_the_load_benchmarks_people_are_free_to_register_and_claim(seeded: None) -> None:
    load_people = people_in_order()[1 : LOAD_PEOPLE + 1]
    assert not Registration.objects.filter(person_id__in=load_people).exists()
    assert not Claim.objects.filter(claimant_id__in=load_people).exists()


def test_it_refuses_a_database_that_already_has_the_data(seeded: None) -> None:
    with pytest.raises(CommandError):
        call_command("seed_scale", size="small", stdout=io.StringIO())


def test_a_share_of_everything_translatable_has_current_welsh(seeded: None) -> None:
    from django.apps import apps

    from levelfield.translations import registry
    from levelfield.translations.models import Translation

    for label, declared in registry.translatables().items():
        model = apps.get_model(declared.model)
        translations = Translation.objects.filter(
            content_type__app_label=model._meta.app_label,
            content_type__model=model._meta.model_name,
            language="cy",
        )
        if not model.objects.exists():
            continue
        assert translations.exists(), f"no Welsh for {label} at scale"
        for translation in translations[:20]:
            original = model.objects.get(pk=translation.object_id)
            assert translation.source_digest == registry.digest(original, declared.fields)
    # The story the load benchmark reads in Welsh has its translation.
    from levelfield.stories.scale import newest_story

    assert Translation.objects.filter(
        content_type__model="story", object_id=newest_story().pk, language="cy"
    ).exists()
