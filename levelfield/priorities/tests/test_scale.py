"""The scale seed's priority setting: thousands of questions in an open survey, the
extras given with them sealed under the survey's key as the service seals them."""

from __future__ import annotations

import random

import pytest
from django.urls import reverse

from levelfield.collectives import scale as collectives_scale
from levelfield.people import scale as people_scale
from levelfield.people.models import User
from levelfield.priorities import services
from levelfield.priorities.models import Demographics, Submission, SubmittedQuestion, Subscriber
from levelfield.priorities.scale import scale_partnership, scale_seed
from levelfield.projects import scale as projects_scale

pytestmark = pytest.mark.django_db


def _network() -> None:
    for module in (people_scale, collectives_scale, projects_scale):
        module.scale_seed(size="small", rng=random.Random(1))


def test_the_small_seed_gathers_questions_with_extras_sealed(client) -> None:
    _network()
    scale_seed(size="small", rng=random.Random(2))

    partnership = scale_partnership()
    assert services.survey_is_open(partnership)
    assert SubmittedQuestion.objects.filter(partnership=partnership).count() == 250
    sealed = Submission.objects.filter(partnership=partnership, sealed_extras__isnull=False)
    assert sealed.exists()
    # Nothing written apart while the survey is open; each sealed copy opens for its own
    # submission only, and all are the one size.
    assert not Demographics.objects.exists() and not Subscriber.objects.exists()
    keys = services._extras_keys(partnership)
    first = sealed.first()
    assert "region" in keys.open(first.pk, first.sealed_extras)
    assert (
        len({len(bytes(extras)) for extras in sealed.values_list("sealed_extras", flat=True)}) == 1
    )

    client.force_login(User.objects.get(pk=people_scale.people_in_order()[1]))
    page = client.get(reverse("priorities:submissions", args=[partnership.pk]))
    assert page.status_code == 200
    survey = reverse("priorities:survey", args=[partnership.survey_token])
    assert client.get(survey).status_code == 200
