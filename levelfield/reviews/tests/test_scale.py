"""The scale seed's review requests: the network's group with requests in every state,
whose queue and requests the load benchmark's people can read."""

from __future__ import annotations

import random

import pytest
from django.urls import reverse

from levelfield.collectives import scale as collectives_scale
from levelfield.people import scale as people_scale
from levelfield.people.models import User
from levelfield.projects import scale as projects_scale
from levelfield.reviews.models import ReviewRequest, Status
from levelfield.reviews.scale import scale_group, scale_seed

pytestmark = pytest.mark.django_db


def _network() -> None:
    for module in (people_scale, collectives_scale, projects_scale):
        module.scale_seed(size="small", rng=random.Random(1))


def test_the_small_seed_makes_requests_in_every_state(client) -> None:
    _network()
    scale_seed(size="small", rng=random.Random(2))

    group = scale_group()
    requests = ReviewRequest.objects.filter(group=group)
    assert set(requests.values_list("status", flat=True)) == set(Status.values)
    for request in requests.filter(status=Status.REVIEWING):
        assert request.reviews.count() == 2
    for request in requests.filter(status__in=[Status.SENT, Status.REPORTED]):
        assert request.response.sent_at == request.response_sent_at

    person_1 = User.objects.get(pk=people_scale.people_in_order()[1])
    assert group.has_member(person_1)
    client.force_login(person_1)
    queue = client.get(reverse("reviews:place", args=[group.place_id])).content.decode()
    assert "A study of" in queue
    first = requests.filter(status=Status.REVIEWING).order_by("deadline", "pk").first()
    assert client.get(reverse("reviews:request", args=[first.pk])).status_code == 200
