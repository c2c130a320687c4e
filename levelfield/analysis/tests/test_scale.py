"""The scale data lets every person the load benchmark signs in as open the analysis
pages it loads (before, only five coders could, and every load request got a 404)."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from levelfield.analysis.models import Segment, Source
from levelfield.opportunities.tests.topics import topics_restore
from levelfield.people.models import User
from levelfield.people.scale import LOAD_PEOPLE, people_in_order
from levelfield.projects.scale import big_project

pytestmark = pytest.mark.django_db


def test_the_load_benchmarks_people_may_open_the_big_projects_source(client) -> None:
    topics_restore()  # a data migration's rows, gone after a transactional test
    call_command("seed_scale", size="small", stdout=io.StringIO())
    source = Source.objects.filter(place=big_project().place).order_by("pk").first()
    ids = people_in_order()
    for pk in (ids[1], ids[16], ids[LOAD_PEOPLE]):
        client.force_login(User.objects.get(pk=pk))
        assert client.get(reverse("analysis:source", args=[source.pk])).status_code == 200
        assert client.get(reverse("analysis:agreement", args=[source.pk])).status_code == 200
    # The segments are still spread among five coders, person 0 first.
    coders = set(Segment.objects.filter(source=source).values_list("coder_id", flat=True))
    assert len(coders) == 5 and ids[0] in coders
    # Nobody outside the big project is on the team.
    outsider = User.objects.exclude(
        pk__in=big_project().place.memberships.values("person_id")
    ).first()
    client.force_login(outsider)
    assert client.get(reverse("analysis:source", args=[source.pk])).status_code == 404
