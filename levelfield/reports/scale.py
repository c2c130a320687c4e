"""Reports for `manage.py seed_scale`: the network's annual report for this year and the
big project's GRIPP2 report, with figures worked out from the whole seeded record.

Seeded last (after every app whose records the figures read), through the services as
a coordinator would: `report_start` starts each report and asks for its figures (the
background task would prepare them), and `report_generate` prepares them here, as that
task does, over every involvement entry, decision, event, claim, check-in and story.
"""

from __future__ import annotations

import random

from django.utils import timezone

from levelfield.collectives.scale import network
from levelfield.people.models import User
from levelfield.people.scale import people_in_order
from levelfield.projects.scale import big_project
from levelfield.reports import services
from levelfield.reports.models import Kind, Report


def annual_report() -> Report:
    """The network's annual report for the year it was seeded (the newest)."""
    return (
        Report.objects.filter(place__collective=network(), kind=Kind.ANNUAL)
        .order_by("-year")
        .first()
    )


def scale_seed(*, size: str, rng: random.Random) -> None:
    founder = User.objects.get(pk=people_in_order()[0])
    year = timezone.localdate().year
    for place, kwargs in ((network(), {"year": year}), (big_project(), {})):
        report = services.report_start(place=place, actor=founder, **kwargs)
        services.report_generate(report=report)
