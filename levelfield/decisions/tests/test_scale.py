"""The scale seed makes decisions of every method whose kept counts equal a fresh tally."""

from __future__ import annotations

import random

import pytest
from django.urls import reverse

from levelfield.decisions import services
from levelfield.decisions.models import Decision, Method, Response, Voter
from levelfield.decisions.scale import BIG_TITLE, scale_seed
from levelfield.decisions.tests.factories import make_team

pytestmark = pytest.mark.django_db


def test_the_small_seed_makes_every_method_with_exact_counts(client: object) -> None:
    big = make_team(45)
    make_team(12)
    make_team(3)
    scale_seed(size="small", rng=random.Random(7))

    assert Decision.objects.count() == 17
    assert set(Decision.objects.values_list("method", flat=True)) == set(Method.values)
    assert services.tallies_wrong() == []
    assert not Decision.objects.filter(tally=None).exists()
    biggest = Decision.objects.order_by("-tally__responses").first()
    assert (biggest.title, biggest.place.project, biggest.tally.responses) == (
        BIG_TITLE,
        big.project,
        40,
    )
    # One response per person per decision; anonymous ones have no person.
    assert not Response.objects.filter(decision__anonymous=True, person__isnull=False).exists()
    for decision in Decision.objects.filter(anonymous=True):
        assert Voter.objects.filter(decision=decision).count() == decision.tally.responses

    client.force_login(big.starter)
    page = client.get(reverse("decisions:detail", args=[biggest.pk])).content.decode()
    assert "40 responses so far." in page
