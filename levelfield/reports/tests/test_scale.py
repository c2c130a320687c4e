"""The scale seed's reports: the network's annual report and the big project's GRIPP2
report, their figures prepared from the seeded record."""

from __future__ import annotations

import random

import pytest
from django.urls import reverse

from levelfield.collectives import scale as collectives_scale
from levelfield.people import scale as people_scale
from levelfield.people.models import User
from levelfield.projects import scale as projects_scale
from levelfield.projects.scale import big_project
from levelfield.reports.models import Kind, Report
from levelfield.reports.scale import annual_report, scale_seed

pytestmark = pytest.mark.django_db


def _network() -> None:
    for module in (people_scale, collectives_scale, projects_scale):
        module.scale_seed(size="small", rng=random.Random(1))


def test_the_small_seed_prepares_both_reports_from_the_record(client) -> None:
    _network()
    scale_seed(size="small", rng=random.Random(2))

    annual = annual_report()
    gripp2 = Report.objects.get(place__project=big_project(), kind=Kind.GRIPP2)
    for report in (annual, gripp2):
        assert report.versions.count() == 1
        assert report.generated_at is not None
    assert annual.versions.get().figures["involvement"]

    client.force_login(User.objects.get(pk=people_scale.people_in_order()[1]))
    assert client.get(reverse("reports:detail", args=[annual.pk])).status_code == 200
