"""Pages stay at a flat number of queries: the list, an impact with its links, and an
output's page with the impacts linked to it cost the same for 1 or 8 of them."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from levelfield.impact import services
from levelfield.impact.tests.factories import client_for, impact_make
from levelfield.outputs.tests.factories import output_make
from levelfield.projects.tests.factories import InvolvementEntryFactory

pytestmark = pytest.mark.django_db


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_pages_cost_the_same_for_one_or_eight(world) -> None:
    place = world.project_place
    output = output_make(place=place, actor=world.member)
    first = impact_make(place=place, actor=world.member)
    client = client_for(world.member)

    def link(impact, count: int) -> None:
        entries = [
            InvolvementEntryFactory(project=world.project, what_changed=f"Change {n}")
            for n in range(count)
        ]
        services.impact_link(actor=world.member, impact=impact, outputs=[output], entries=entries)

    link(first, 1)
    urls = [
        reverse("impact:place_list", args=[place.pk]),
        first.get_absolute_url(),
        output.get_absolute_url(),
    ]
    few = [_queries(client, url) for url in urls]
    for number in range(7):
        impact = impact_make(place=place, actor=world.member, title=f"More {number}")
        services.impact_link(actor=world.member, impact=impact, outputs=[output], entries=[])
    link(first, 8)
    many = [_queries(client, url) for url in urls]
    assert many == few
