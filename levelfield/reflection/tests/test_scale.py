"""The scale seed's check-ins: answers sealed and written out as real ones are, so the
benchmark's results and answer pages meet thousands of them kept apart from people."""

from __future__ import annotations

import random

import pytest
from django.urls import reverse

from levelfield.collectives import scale as collectives_scale
from levelfield.people import scale as people_scale
from levelfield.people.models import User
from levelfield.projects import scale as projects_scale
from levelfield.projects.scale import big_project
from levelfield.reflection import services
from levelfield.reflection.models import CheckInRound, Respondent, Submission
from levelfield.reflection.scale import CLOSED_ROUNDS, latest_closed_round, open_round, scale_seed
from levelfield.sealing.models import SealKey

pytestmark = pytest.mark.django_db


def _network() -> None:
    for module in (people_scale, collectives_scale, projects_scale):
        module.scale_seed(size="small", rng=random.Random(1))


def test_the_small_seed_closes_rounds_as_closing_does_and_leaves_one_open(client) -> None:
    _network()
    scale_seed(size="small", rng=random.Random(2))

    rounds = CheckInRound.objects.in_place(big_project().place)
    closed = rounds.filter(closed_at__isnull=False)
    assert closed.count() == CLOSED_ROUNDS
    for checkin in closed:
        # Written out unlinked: no sealed copy left, the round's key destroyed.
        assert checkin.has_results
        assert Submission.objects.filter(round=checkin).count() == checkin.respondent_count
        assert not Respondent.objects.filter(round=checkin, sealed_answers__isnull=False)
        assert not SealKey.objects.filter(scope=f"checkin:{checkin.pk}").exists()
    waiting = open_round()
    sealed = Respondent.objects.filter(round=waiting, sealed_answers__isnull=False)
    assert sealed.exists() and not Submission.objects.filter(round=waiting).exists()
    someone = User.objects.get(pk=sealed.first().person_id)
    assert services.answers_of(checkin=waiting, person=someone) is not None

    person_1 = User.objects.get(pk=people_scale.people_in_order()[1])
    assert not Respondent.objects.filter(round=waiting, person=person_1).exists()
    client.force_login(person_1)
    page = client.get(reverse("reflection:detail", args=[latest_closed_round().pk]))
    assert "Results by principle" in page.content.decode()
    assert client.get(reverse("reflection:answer", args=[waiting.pk])).status_code == 200
